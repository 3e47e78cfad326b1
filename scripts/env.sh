# Sourced by the launcher and the test script: puts Node.js >= 24 first on PATH and installs the npm
# packages when node_modules is missing or older than package-lock.json.
_wk_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_wk_node="$("$_wk_root/scripts/ensure-node.sh")"
export PATH="$(dirname "$_wk_node"):$_wk_root/node_modules/.bin:$PATH"
# Node flags for every Watchkeeper process. V8's default young generation (up to 64 MB per semi-space on a
# big machine) let a 15k-listing import peak at 320 MB RSS; 16 MB semi-spaces peak at 210 MB, same speed.
export WK_NODE_FLAGS="--disable-warning=ExperimentalWarning --max-semi-space-size=16"
if [ ! -f "$_wk_root/node_modules/.package-lock.json" ] || [ "$_wk_root/package-lock.json" -nt "$_wk_root/node_modules/.package-lock.json" ]; then
  echo "watchkeeper: installing npm packages (npm ci)" >&2
  (cd "$_wk_root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
