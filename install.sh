#!/usr/bin/env bash
# One command installs everything on a fresh Debian machine with Python 3.11:
# Debian packages (chromium for the browser tests, Noto fonts for Vietnamese, poppler for
# PDF checks, PostgreSQL for the store tests: they start a throw-away server) and the
# pinned Python packages. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends \
    chromium fonts-noto-core poppler-utils postgresql >/dev/null
else
  echo "apt-get not found: install chromium, fonts-noto-core, poppler-utils and postgresql yourself" >&2
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements.txt
echo "install.sh: done"
