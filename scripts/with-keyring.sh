#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with GNOME Keyring's Secret
# Service started and unlocked with a throwaway password, so the OS keychain
# tests (and the app's vault) use a real Secret Service. Usage:
#   bash scripts/with-keyring.sh <command> [args...]
# Already inside such a session (LR_KEYRING_READY=1): runs the command as is.
set -uo pipefail
if [ "${LR_KEYRING_READY:-}" = "1" ]; then exec "$@"; fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon is missing (run scripts/setup-system.sh); running without a keychain." >&2
  exec "$@"
fi
inner() {
  # A private runtime dir keeps this keyring apart from any the user has.
  XDG_RUNTIME_DIR=$(mktemp -d /tmp/lr-keyring-run.XXXXXX)
  XDG_DATA_HOME=$(mktemp -d /tmp/lr-keyring-data.XXXXXX)
  export XDG_RUNTIME_DIR XDG_DATA_HOME
  chmod 700 "$XDG_RUNTIME_DIR"
  # --unlock reads the (throwaway) password from stdin and creates the login keyring.
  eval "$(printf 'lr-throwaway-%s' "$$" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
  export LR_KEYRING_READY=1
  "$@"
  rc=$?
  pkill -u "$(id -u)" -f "gnome-keyring-daemon.*$XDG_RUNTIME_DIR" >/dev/null 2>&1 || true
  rm -rf "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
  return $rc
}
export -f inner
exec dbus-run-session -- bash -c 'inner "$@"' bash "$@"
