#!/usr/bin/env bash
# Installs what the CLI's browser test needs before `npm test`: Debian's chromium, driven by
# playwright-core (which downloads no browser of its own). Idempotent and quiet: does nothing
# when a chromium is already there (CHROMIUM_PATH, default /usr/bin/chromium).
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-setup: $chromium is missing and apt-get is not available; install chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq chromium >/dev/null
if [ ! -x "$chromium" ]; then
  echo "ci-setup: chromium was installed but $chromium does not exist; set CHROMIUM_PATH" >&2
  exit 1
fi
echo "ci-setup: installed $("$chromium" --version 2>/dev/null | head -n 1)"
