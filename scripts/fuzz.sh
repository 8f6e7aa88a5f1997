#!/usr/bin/env bash
# Fuzzing with libFuzzer + AddressSanitizer + UndefinedBehaviorSanitizer (clang-14), one harness per entry
# point that takes untrusted input (tests/fuzz/fuzz_*.cpp).
#   bash scripts/fuzz.sh                      # the long campaign: 60 minutes per harness
#   bash scripts/fuzz.sh --minutes 5 jsonl    # some harnesses, N minutes each
#   bash scripts/fuzz.sh --seconds 20 --smoke # the CI smoke run: every harness over a scratch copy of the seeds
#   bash scripts/fuzz.sh --no-build dates     # skip the build (lanes in parallel after one build)
# The campaign keeps its growing corpus in build/fuzz/corpus/<name> (seeded from tests/fuzz/corpus/<name>);
# crashes, timeouts and leaks land in build/fuzz/findings/<name>/ with the input that caused them. A summary
# per harness (executions, libFuzzer's cov: and ft:, findings, load average) is printed at the end and
# appended, dated, to build/fuzz/summary.txt, so runs in parallel lanes do not overwrite each other.
# Exits non-zero when any harness found something.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=3600
smoke=0
build_first=1
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --no-build) build_first=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) names+=("$1"); shift ;;
  esac
done
all=(utf8 dates clean tokenize jsonl json csv gzip quotes_en quotes_de frames_json frames_dic lexicons comparison_json quote_model binary)
[ ${#names[@]} -eq 0 ] && names=("${all[@]}")

build=build/fuzz
if ! command -v clang++-14 >/dev/null; then
  echo "fuzz: clang++-14 is missing; run: bash scripts/bootstrap.sh test" >&2
  exit 1
fi
if [ "$build_first" = 1 ]; then
  echo "== building the harnesses (clang-14, ASan + UBSan + libFuzzer) in $build"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_COMPILER=clang++-14 \
    -DFRAMELENS_FUZZ=ON -DFRAMELENS_BUILD_TESTS=ON -DFRAMELENS_BUILD_PYTHON=OFF -DFRAMELENS_INSTALL=OFF >/dev/null
  cmake --build "$build" -j2 --target $(printf 'fuzz_%s ' "${names[@]}")
fi

dict_of() {
  case "$1" in
    dates) echo dates ;;
    csv) echo csv ;;
    frames_dic) echo dic ;;
    clean|tokenize|quotes_en|quotes_de) echo quotes ;;
    jsonl|json|frames_json|lexicons|comparison_json) echo json ;;
    *) echo "" ;;
  esac
}
max_len_of() {
  case "$1" in
    dates) echo 256 ;;
    quotes_en|quotes_de|clean|tokenize) echo 16384 ;;
    binary) echo 131072 ;;  # its seeds (a partial comparison: 94 KB) whole
    *) echo 65536 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary="$build/summary.txt"
run_lines=()
for name in "${names[@]}"; do
  exe="$build/tests/fuzz/fuzz_$name"
  if [ "$smoke" = 1 ]; then
    corpus=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$name/." "$corpus/" 2>/dev/null || true
  else
    corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    cp -rn "tests/fuzz/corpus/$name/." "$corpus/" 2>/dev/null || true
  fi
  findings="$build/findings/$name"
  [ "$smoke" = 1 ] && findings="$build/smoke-findings/$name" && rm -rf "$findings"
  mkdir -p "$findings"
  log="$build/fuzz_$name.log"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len="$(max_len_of "$name")"
        -artifact_prefix="$findings/" -print_final_stats=1)
  d=$(dict_of "$name")
  [ -n "$d" ] && args+=(-dict="tests/fuzz/dict/$d.dict")
  started=$(date -u +%H:%M)
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  echo "== fuzz_$name: ${seconds}s from $started UTC (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  rc=0
  "$exe" "${args[@]}" "$corpus" > "$log" 2>&1 || rc=$?
  corpus_size=$(find "$corpus" -type f | wc -l)
  [ "$smoke" = 1 ] && rm -rf "$corpus"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo "?")
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo "?")
  found=$(find "$findings" -type f | wc -l)
  line="$(date -u +%F) $started-$(date -u +%H:%M) UTC fuzz_$name: ${seconds}s, ${execs:-?} execs, cov: ${cov:-?},"
  line+=" ft: ${ft:-?}, corpus: $corpus_size, findings: $found, load: $load_start-$(cut -d' ' -f1 /proc/loadavg), exit $rc"
  echo "$line" >> "$summary"
  run_lines+=("$line")
  echo "$line"
  if [ "$rc" != 0 ]; then
    status=1
    grep -E 'ERROR: |runtime error|INVARIANT BROKEN|SUMMARY|Test unit written' "$log" | head -8 >&2 || true
  fi
done
echo "== summary (also appended to $summary)"
printf '%s\n' "${run_lines[@]}"
exit $status
