#!/usr/bin/env bash
# Installs the system tools the tests use when they are missing: the real 7-Zip (7z and 7zz) that receivers
# open referrals with, and Debian's Chromium for the browser tests of the built extension. Debian packages
# through apt-get, as root; otherwise says what to install and stops.
set -euo pipefail

declare -A package_for=(
  [7z]=p7zip-full
  [7zz]=7zip
  [chromium]=chromium
  [firefox-esr]=firefox-esr
)

missing=()
for command in "${!package_for[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${package_for[$command]}")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Veilig Aanmelden: de tests hebben deze Debian-pakketten nodig: ${missing[*]}" >&2
  echo "Installeer ze als root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
