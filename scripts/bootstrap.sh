#!/usr/bin/env bash
# Installs everything framelens needs on Debian 12 (Python 3.9+) and builds it into ./.venv.
# Idempotent: already-installed packages are left alone and rebuilds are incremental (build/).
#   bash scripts/bootstrap.sh        # what the sample comparison needs
#   bash scripts/bootstrap.sh test   # plus the test, notebook and benchmark tools
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-run}
cd "$root"

apt_packages=(g++ make pkg-config git libicu-dev libeigen3-dev nlohmann-json3-dev zlib1g-dev python3-venv python3-dev)
if [ "$mode" = test ]; then
  apt_packages+=(catch2 chromium clang-14 libclang-rt-14-dev)  # clang: the sanitizer + libFuzzer build
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; fi
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check -q)
# The build below runs without isolation (incremental in build/), so .venv must hold what an isolated
# build would: pyproject.toml's [build-system] requires, read from there so the two lists cannot drift.
"${pip[@]}" install 'tomli; python_version < "3.11"'
mapfile -t build_requires < <(.venv/bin/python -c 'try: import tomllib
except ImportError: import tomli as tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')
"${pip[@]}" install "${build_requires[@]}" cmake ninja
extra="[report]"  # the README's quick start writes the HTML report
[ "$mode" = test ] && extra="[test]"
echo "bootstrap: building framelens (incremental; build dir build/)"
"${pip[@]}" install --no-build-isolation ".${extra}"
