#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (Playwright drives it through ExecutablePath;
# `playwright install` is never run, so no browser is downloaded from elsewhere). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
