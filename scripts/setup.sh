#!/usr/bin/env bash
# Prepare this machine for the project: system packages (as root, with apt) and .venv.
# Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng gettext poppler-utils
  fonts-arphic-gkai00mp fonts-dancingscript)  # handwriting fonts: the demo draws its notes
if [ "${WITH_TEST_PACKAGES:-0}" = 1 ]; then
  APT_PACKAGES+=(postgresql-15 chromium chromium-driver wrk fonts-noto-cjk nginx)  # nginx: the README's configuration runs in front of the app
  # axe-core (accessibility tests) comes from npm: Node only where the machine has none.
  command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages, then run again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
.venv/bin/python manage.py compilemessages -v 0 --ignore=.venv
if [ "${WITH_TEST_PACKAGES:-0}" = 1 ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --silent --no-audit --no-fund
fi
