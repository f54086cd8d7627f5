#!/usr/bin/env bash
# Installs the Debian packages invoiced needs to build, run and test, if any is missing.
# Used by `make run`, `make test` and `make bench` (and so by .ci/run); safe to run again.
set -euo pipefail

packages=(
  pkg-config
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libsqlite3-dev sqlite3 libcurl4-openssl-dev
  poppler-utils util-linux python3
  curl
  systemd   # systemd-analyze, systemd-sysusers, systemd-tmpfiles: the unit tests check the service files
  imagemagick   # make bench renders 300 dpi scans with convert
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
