#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app and its tests need:
# Chromium (browser tests), GNOME Keyring + D-Bus + libsecret (the OS keychain),
# poppler (reading PDFs back in tests), testssl.sh (the TLS benchmark's peer) and
# PostgreSQL with pg_stat_statements (contrib) and hypopg (the database advisor's tests
# start their own server on a random loopback port; the package's own cluster is not used).
set -euo pipefail
pkgs=(chromium gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils testssl.sh fonts-dejavu-core ca-certificates git postgresql postgresql-contrib)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# hypopg is packaged per server version (postgresql-15-hypopg on Debian 12): ask apt which one.
pgver() { apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1; }
v=$(pgver)
if [ -z "$v" ]; then $SUDO apt-get update -qq; v=$(pgver); fi
[ -n "$v" ] && pkgs+=("postgresql-${v}-hypopg")
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "System packages: all present."; exit 0; fi
echo "Installing system packages: ${missing[*]}"
# Ubuntu ships chromium as a snap; chromium-browser is the transitional name there.
if ! apt-cache show chromium >/dev/null 2>&1; then $SUDO apt-get update -qq; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
