#!/usr/bin/env bash
# Prints config/invoiced.yaml as the systemd service's /etc/invoiced/invoiced.yaml: the same
# documented keys, with the service's places (the folders the unit gives the daemon), the
# socket for invoicectl and loopback TCP for the web workspace (http://127.0.0.1:8000/, with
# its Host and Origin checks). Used by `make install`; fails if a key it sets has moved.
set -euo pipefail
source="${1:-$(dirname "$0")/../config/invoiced.yaml}"

cat <<'HEADER'
# invoiced configuration for the systemd service (installed by `make install`; a later
# `make install` leaves an edited copy alone). Every key of config/invoiced.yaml is here with
# its documentation; the places below are the ones the unit prepares: /var/lib/invoiced
# (StateDirectory=), /run/invoiced (RuntimeDirectory=), /srv/invoiced/inbox (tmpfiles.d and
# ReadWritePaths=). After a change: `invoiced --check-config`, then `systemctl reload
# invoiced` (log.level and inbox.settle_ms apply at once; others need `systemctl restart`).
#
HEADER

# Each expression must match exactly once.
expressions=(
  's|^  path: inbox$|  path: /srv/invoiced/inbox|'
  's|^data_dir: data$|data_dir: /var/lib/invoiced|'
  's|^socket: ""$|socket: /run/invoiced/invoiced.sock|'
  's|^socket_group: ""$|socket_group: invoiced-users|'
  's|^http: 127.0.0.1:8000$|http: 127.0.0.1:8000  # the web workspace for this machine; every local user can reach it: set http_token to ask for a login|'
)
text="$(cat "$source")"
for expression in "${expressions[@]}"; do
  pattern="${expression#s|}"; pattern="${pattern%%|*}"
  if [ "$(grep -c -- "$pattern" <<<"$text")" != 1 ]; then
    echo "service-config.sh: '$pattern' not found once in $source" >&2
    exit 1
  fi
  text="$(sed -e "$expression" <<<"$text")"
done
# Drop the checkout's header comment (up to the first blank line): it speaks of `make run`.
awk 'body || /^$/ { body = 1 } body' <<<"$text" | sed '1{/^$/d}'
