#!/usr/bin/env bash
# Runs Node.js 24 (installing it and the npm packages first when missing) with the given arguments.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck disable=SC2086
exec node $WK_NODE_FLAGS "$@"
