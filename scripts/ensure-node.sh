#!/usr/bin/env bash
# Prints the path of a Node.js >= 24 binary, installing one into .tools/ when the machine's Node is older.
# Node 24 comes from the npm registry's `node` package, which ships the official binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want=24
if command -v node >/dev/null 2>&1; then
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge "$want" ]; then command -v node; exit 0; fi
fi
local_node="$root/.tools/node$want/node_modules/node/bin/node"
if [ ! -x "$local_node" ]; then
  echo "watchkeeper: Node.js $want not found; installing it into .tools/ from the npm registry" >&2
  mkdir -p "$root/.tools/node$want"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$root/.tools/node$want" "node@$want" >&2
fi
"$local_node" --version >/dev/null
echo "$local_node"
