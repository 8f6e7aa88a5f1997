#!/usr/bin/env bash
# Every test: installs what is needed, builds, then runs the C++ tests (Catch2 + the find_package
# consumer, through CTest) and the Python tests (pytest: parity, notebooks, doc examples, report).
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
