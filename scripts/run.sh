#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk full screen with the shipped content.
# Records go to $XDG_DATA_HOME/chiyoda-kiosk/kiosk.db unless --db is given; extra arguments go to the kiosk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default --target kiosk
exec build/bin/kiosk "$@"
