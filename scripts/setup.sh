#!/usr/bin/env bash
# Quick start, step 1: install the packages and build the extension for Chrome/Edge and Firefox, and the Outlook add-in.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/npm-deps.sh
npm run build
cat <<'MSG'

Built:
  .output/chrome-mv3    Chrome/Edge: chrome://extensions → Developer mode → Load unpacked → this folder
  .output/firefox-mv2   Firefox: about:debugging → This Firefox → Load Temporary Add-on → its manifest.json
  .output/addin         Outlook add-in: host this folder on HTTPS at VA_ADDIN_ORIGIN, upload its manifest.xml (README: In Outlook)
MSG
