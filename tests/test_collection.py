"""Every test file under tests/ is collected by the plain `pytest` that scripts/test runs
(pytest skips some folder names by default: tests/build once ran in no suite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def test_every_test_file_is_collected():
    ran = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                         cwd=TESTS.parent, capture_output=True, text=True)
    collected = {line.split("::")[0] for line in ran.stdout.splitlines() if "::" in line}
    on_disk = {p.relative_to(TESTS.parent).as_posix() for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts}
    assert len(on_disk) > 100
    assert on_disk - collected == set(), ran.stderr[-2000:]
