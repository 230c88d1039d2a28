#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: installs what is missing, builds, runs unit, screen and
# end-to-end tests (Xvfb), then the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
cmake --workflow --preset test
cmake --workflow --preset test-asan
