#!/usr/bin/env bash
# Quick start, step 2: everything CI runs. Installs what is missing, then typecheck, lint, build and all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
npm run typecheck
npm run lint
npm run build
npm run build:e2e
npx --no-install vitest run
