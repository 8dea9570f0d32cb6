# Sourced by the entry points: `ensure_venv [extra]` makes sure .venv exists and holds the
# project as it is now ("test" installs the test tools too), reinstalling only when
# pyproject.toml has changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1

ensure_venv() {
  local extra="${1:-}" me python spec stamp want
  me="$(basename "$0")"
  python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "$me: Python 3.11 or newer is needed (found: $("$python" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "$me: creating .venv"
    "$python" -m venv .venv
  fi
  spec="."
  [ -n "$extra" ] && spec=".[$extra]"
  stamp=".venv/.kb-installed-${extra:-base}"
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "$me: installing the project into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$spec"
    echo "$want" > "$stamp"
  fi
}
