# Sourced by the entry points: make sure .venv exists and holds the project as it is now.
# Usage: . scripts/_venv.sh [extra]   (extra: "test" installs the test tools too)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "$(basename "$0"): Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "$(basename "$0"): creating .venv"
  "$PYTHON" -m venv .venv
fi

extra="${1:-}"
spec="."
[ -n "$extra" ] && spec=".[$extra]"
# Reinstall only when the project's requirements changed since the last install.
stamp=".venv/.kb-installed-${extra:-base}"
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "$(basename "$0"): installing the project into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$spec"
  echo "$want" > "$stamp"
fi
export NO_MKDOCS_2_WARNING=1
