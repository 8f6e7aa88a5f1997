#!/usr/bin/env bash
# The main job: install what is needed, build, and compare the outlets of the embedded sample corpus.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/bootstrap.sh"
exec "$root/.venv/bin/framelens" compare --sample "$@"
