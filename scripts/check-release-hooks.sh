#!/usr/bin/env bash
# The reliability tests' hooks (INVOICED_TEST_*) must not exist in a release binary: one stray
# line in a production daemon's environment could otherwise abort or hang it. Run by
# `make release` and `make bench` after the release build; fails naming what it found.
set -euo pipefail
binary="${1:?usage: check-release-hooks.sh path/to/release/invoiced}"
found=$(strings -a "$binary" | grep -o 'INVOICED_TEST_[A-Z_]*' | sort -u || true)
if [ -n "$found" ]; then
  echo "error: the release binary $binary still reads test hooks: $found" >&2
  echo "       guard them with #if INVOICED_TEST_HOOKS (defined in debug builds only, Package.swift)" >&2
  exit 1
fi
echo "release binary has no test hooks: $binary"
