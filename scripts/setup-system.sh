#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app and its tests need:
# Chromium (browser tests), GNOME Keyring + D-Bus + libsecret (the OS keychain),
# poppler (reading PDFs back in tests) and testssl.sh (the TLS benchmark's peer).
set -euo pipefail
pkgs=(chromium gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils testssl.sh fonts-dejavu-core ca-certificates git)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "System packages: all present."; exit 0; fi
echo "Installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Ubuntu ships chromium as a snap; chromium-browser is the transitional name there.
if ! apt-cache show chromium >/dev/null 2>&1; then $SUDO apt-get update -qq; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
