#!/usr/bin/env bash
# Every test: installs what is needed, builds, then runs the C++ tests (Catch2 + the find_package
# consumer, through CTest) and the Python tests (pytest: parity, notebooks, doc examples, report), then
# the sanitizer and fuzz checks (docs/reliability.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/bootstrap.sh test
export PATH="$root/.venv/bin:$PATH"

echo "== C++ tests (CTest)"
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRAMELENS_BUILD_TESTS=ON -DFRAMELENS_BUILD_PYTHON=OFF >/dev/null
cmake --build build/cpp
ctest --test-dir build/cpp --output-on-failure -j2

echo "== Python tests (pytest)"
python -m pytest tests/python "$@"

# --- reliability (issue 11): the Catch2 suite under ASan + UBSan, then every libFuzzer harness for a
# short smoke over its committed seeds (FRAMELENS_FUZZ_SMOKE_SECONDS each, default 20). One clang-14
# build in build/fuzz serves both. The long campaign is scripts/fuzz.sh.
echo "== C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang-14, build/fuzz)"
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_COMPILER=clang++-14 \
  -DFRAMELENS_FUZZ=ON -DFRAMELENS_BUILD_TESTS=ON -DFRAMELENS_BUILD_PYTHON=OFF -DFRAMELENS_INSTALL=OFF >/dev/null
cmake --build build/fuzz -j2 --target framelens_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/fuzz/tests/cpp/framelens_tests
echo "== fuzz smoke: every harness over its seeds"
bash scripts/fuzz.sh --smoke --seconds "${FRAMELENS_FUZZ_SMOKE_SECONDS:-20}"
# --- end reliability
