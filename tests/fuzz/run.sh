#!/usr/bin/env bash
# Builds the scenario-loader fuzzer (clang, libFuzzer, ASan, UBSan) and runs it for SECONDS (default 600) on one job.
# New inputs go to build-fuzz/corpus; the committed seeds (tests/fuzz/corpus, the shipped scenarios and the mistakes
# corpus) are read only. A crash leaves crash-* in build-fuzz/: copy it into tests/fuzz/corpus once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j4
mkdir -p build-fuzz/corpus
cd build-fuzz
exec bin/kiosk_fuzz -max_total_time="$seconds" -jobs=1 -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -dict=../tests/fuzz/scenario.dict \
  corpus ../tests/fuzz/corpus ../scenarios ../tests/fixtures/mistakes
