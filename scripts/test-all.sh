#!/usr/bin/env bash
# Runs every suite (vitest unit + integration, Playwright e2e) inside a private
# D-Bus session with an unlocked GNOME Keyring, then prints one line
# "N passed, N failed, N skipped" summing them all. Exit code 1 if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports  # not test-results/: Playwright empties that folder when it starts
rm -f reports/vitest.json reports/playwright.json
if [ ! -d out/renderer ]; then npx electron-vite build >/dev/null || exit 1; fi
[ -f out/cli/launch-ready.mjs ] || node scripts/build-cli.mjs || exit 1

bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_rc=$?
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json \
  bash scripts/with-keyring.sh npx playwright test --reporter=list,json
pw_rc=$?
node scripts/sum-results.mjs "$vitest_rc" "$pw_rc"
