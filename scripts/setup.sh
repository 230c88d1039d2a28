#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs to build, run and be tested; installs only what is missing.
set -euo pipefail

packages=(
  g++ cmake pkg-config ninja-build
  libimgui-dev libglfw3-dev python3-glad libsqlite3-dev nlohmann-json3-dev catch2
  libfreetype-dev libfontconfig-dev fonts-noto-cjk libstb-dev libgl1-mesa-dev libsodium-dev libqrencode-dev
  libcli11-dev sqlite3 libpq-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(xvfb xauth xdotool x11-apps zbar-tools clang libclang-rt-14-dev libreoffice-calc-nogui postgresql-15)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
