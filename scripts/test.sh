#!/usr/bin/env bash
# The test command (`npm test`): brings Node.js 24 and the npm packages if missing, type-checks, lints, and
# runs every colocated *.test.ts with node's test runner. Storage tests run on SQLite and, when reachable,
# on PostgreSQL (WATCHKEEPER_TEST_PG_URL; WATCHKEEPER_REQUIRE_PG=1 makes a missing server an error).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
echo "== node $(node --version), typecheck"
tsc --noEmit -p .
tsc --noEmit -p web
echo "== lint"
biome check --diagnostic-level=error .
echo "== tests"
# shellcheck disable=SC2086
# web/e2e drives the built web app in Debian's Chromium (skipped, saying why, when it is not installed).
exec node $WK_NODE_FLAGS --test --test-concurrency=2 "src/**/*.test.ts" "web/e2e/**/*.test.ts" "$@"
