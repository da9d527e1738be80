"""`thelook dashboard`: serves the app for the environment asked for; bad arguments get one line."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.app.test_browser import free_port

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


def test_the_command_serves_the_dashboard(shop):
    port = free_port()
    server = subprocess.Popen(
        [THELOOK, "dashboard", "--env", "prod", "--port", str(port)],
        env=shop.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stdout.readline().strip() == (
            f"Serving the dashboard of 'prod' on http://127.0.0.1:{port} (Ctrl-C stops)"
        )
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as answer:
                    assert answer.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("the dashboard did not answer")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
