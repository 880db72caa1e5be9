#!/usr/bin/env bash
# Installs everything Goalsheet needs on a fresh machine: the system packages
# (Debian/Ubuntu; other systems: see README) and the npm packages from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

# keytar (used by office-addin-debugging to sideload into Excel) builds against libsecret on Linux.
# The browser tests and the preview's screenshots use Debian's Chromium (never a downloaded browser)
# and a CJK font so Chinese text renders.
needed=()
if [ "$(uname -s)" = "Linux" ] && command -v apt-get >/dev/null 2>&1; then
  pkg-config --exists libsecret-1 2>/dev/null || needed+=(libsecret-1-dev pkg-config)
  [ -x /usr/bin/chromium ] || needed+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk\|noto serif cjk" || needed+=(fonts-wqy-microhei)
fi
if [ ${#needed[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${needed[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

echo "setup: installing npm packages"
npm ci --no-audit --no-fund
