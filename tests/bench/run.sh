#!/usr/bin/env bash
# The benchmark suite (not part of the test run): builds the kiosk, installs Chromium for the side-by-side figures,
# then prints the table and writes build/bench/results.json. `--quick` shortens every window for a smoke run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup.sh --test
if ! command -v chromium >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
cmake --preset default >/dev/null
cmake --build --preset default --target kiosk bench_font_atlas
if [[ "${1:-}" == "--quick" ]]; then
  shift
  exec python3 tests/bench/bench.py --runs 2 --idle 5 --answers 500 --banks 100 1000 --staff 300 --years 1 "$@"
fi
exec python3 tests/bench/bench.py "$@"
