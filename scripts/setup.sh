#!/usr/bin/env bash
# Installs everything Goalsheet needs on a fresh machine: the system packages the browser tests use
# (Debian/Ubuntu; other systems: see README) and the npm packages from the lockfile. Needs neither root
# nor a C toolchain: without root (or sudo) a missing system package is named and the rest goes on.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests and the preview's screenshots use Debian's Chromium (never a downloaded browser)
# and a CJK font so Chinese text renders; the WPS package test uses Debian's 7-Zip.
needed=()
if [ "$(uname -s)" = "Linux" ] && command -v apt-get >/dev/null 2>&1; then
  [ -x /usr/bin/chromium ] || needed+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk\|noto serif cjk" || needed+=(fonts-wqy-microhei)
  # 7-Zip checks the WPS offline package (scripts/wps-package.js writes it itself; the test opens it with 7z).
  command -v 7z >/dev/null 2>&1 || needed+=(p7zip-full)
fi
if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    # sudo only when it will not stop to ask for a password.
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" = "none" ]; then
    echo "setup: not installing system packages (no root, no password-less sudo): ${needed[*]}"
    echo "setup: the browser tests need them; install them with: sudo apt-get install ${needed[*]}"
  else
    echo "setup: installing system packages: ${needed[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null; }; then
      echo "setup: could not install ${needed[*]}; the browser tests need them. Going on with the rest."
    fi
  fi
fi

echo "setup: installing npm packages"
npm ci --no-audit --no-fund
