#!/usr/bin/env bash
# Installs the Debian packages the app, the test suite and the benchmark need when any is missing: the
# compiler better-sqlite3 builds with when `npm ci` cannot download its prebuilt binary (python3, make,
# g++), Chromium for Playwright, the four web servers the deploy configs are tested with, PostgreSQL (the
# tests start a throwaway cluster of their own), and for the benchmark wrk and the Django + gunicorn peer.
# As root it installs them; otherwise it prints the one apt-get line to run and exits 1.
set -euo pipefail

declare -A needs=(
  [python3]=/usr/bin/python3
  [make]=/usr/bin/make
  [g++]=/usr/bin/g++
  [chromium]=/usr/bin/chromium
  [nginx]=/usr/sbin/nginx
  [apache2]=/usr/sbin/apache2
  [libapache2-mod-xsendfile]=/usr/lib/apache2/modules/mod_xsendfile.so
  [lighttpd]=/usr/sbin/lighttpd
  [lighttpd-mod-openssl]=/usr/lib/lighttpd/mod_openssl.so
  [caddy]=/usr/bin/caddy
  [wrk]=/usr/bin/wrk
  [python3-django]=/usr/lib/python3/dist-packages/django
  [gunicorn]=/usr/bin/gunicorn
  # Debian's server lives under a versioned folder (15 on Debian 12): any version will do.
  [postgresql]='/usr/lib/postgresql/*/bin/initdb'
)

missing=()
for package in "${!needs[@]}"; do
  # compgen -G expands the pattern itself: true when a file matches (a plain path is a pattern too).
  compgen -G "${needs[$package]}" >/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo sh -c '$line'" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
# Keep the packages' own services from starting on port 80: tests start their servers themselves.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "System packages installed."
