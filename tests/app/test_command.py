"""`thelook dashboard`: bad arguments get one line (serving is in test_private.py)."""

import subprocess
import sys
from pathlib import Path

THELOOK = str(Path(sys.executable).parent / "thelook")


def test_a_bad_port_is_one_line():
    result = subprocess.run(
        [THELOOK, "dashboard", "--port", "web"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "thelook dashboard: argument --port: expected a whole number, got 'web' "
        "(see 'thelook dashboard --help')"
    ]
