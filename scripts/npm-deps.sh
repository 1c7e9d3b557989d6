#!/usr/bin/env bash
# Installs the npm packages from package-lock.json when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Generates .wxt/ (types and tsconfig) that typecheck and the tests read.
npx --no-install wxt prepare >/dev/null
