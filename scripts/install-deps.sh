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
  binutils   # strings: make release and make bench check the release binary for test hooks
  python3-venv python3-pip   # schemathesis (make test's API fuzzing) lives in a venv, .build/venv
  python3-pil python3-reportlab fonts-dejavu-core fonts-dejavu-extra   # scripts/render-fixtures.py, scripts/render-kinds.py
  chromium chromium-driver   # the web workspace's browser tests (Tests/Browser/), headless
  nginx openssl   # ReverseProxyEndToEndTests runs deploy/nginx/invoiced.conf in a private nginx
  postgresql   # the PostgreSQL store's tests start a private cluster of their own (initdb, pg_ctl in a temp folder)
  iproute2   # ip netns: SharedStoreReliabilityTests cuts a node's link to the database in a network namespace
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# schemathesis fuzzes the HTTP API (scripts/fuzz-api.sh), pinned so that a run means the same
# thing next month; in its own venv under .build, away from the system's Python packages.
schemathesis_version=4.32.5
venv="$(cd "$(dirname "$0")/.." && pwd)/.build/venv"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $schemathesis_version"; then
  echo "Installing schemathesis $schemathesis_version in $venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# Selenium drives the headless Chromium of the browser tests (Tests/Browser/), from the same
# venv; pinned like schemathesis. It is given Debian's chromedriver, so it downloads no driver.
selenium_version=4.51.0
if ! "$venv/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$selenium_version')" 2>/dev/null; then
  echo "Installing selenium $selenium_version in $venv"
  [ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "selenium==$selenium_version"
fi
