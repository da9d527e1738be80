"""The dashboard is private by default: it listens on loopback, can require a login, keeps error
details off the page, refuses an environment that does not exist, and stops with its command."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import PAGES
from tests.app.test_browser import free_port
from thelook.app import data
from thelook.app.server import is_loopback, streamlit_command

THELOOK = str(Path(sys.executable).parent / "thelook")


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, from the kernel's table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def wait_until_serving(port: int, server: subprocess.Popen) -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as answer:
                assert answer.read() == b"ok"
                return
        except OSError:
            assert server.poll() is None, "the dashboard exited"
            time.sleep(0.5)
    raise AssertionError("the dashboard did not answer")


@pytest.fixture
def dashboard(shop):
    """`thelook dashboard` started on a free port; stopped (and its group killed) whatever
    happens in the test."""
    started = []

    def start(*args: str) -> tuple[subprocess.Popen, int]:
        port = free_port()
        server = subprocess.Popen(
            [THELOOK, "dashboard", "--port", str(port), *args],
            env=shop.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        started.append(server)
        return server, port

    yield start
    for server in started:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


def test_it_listens_on_loopback_only_by_default_and_sigterm_stops_it(dashboard):
    server, port = dashboard()
    assert server.stdout.readline().strip() == (
        f"Serving the dashboard of 'prod' on http://127.0.0.1:{port} (Ctrl-C stops)"
    )
    wait_until_serving(port, server)
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no other address
    server.send_signal(signal.SIGTERM)  # as a supervisor or a test harness stops it
    assert server.wait(timeout=30) is not None
    time.sleep(0.5)
    assert listening_addresses(port) == set(), "nothing is left serving"


def test_another_address_is_served_with_a_warning(dashboard):
    server, port = dashboard("--host", "0.0.0.0")
    wait_until_serving(port, server)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    warning = server.stderr.readline().strip()
    assert warning == (
        "thelook dashboard: warning: listening on 0.0.0.0, reachable from the network; "
        "require a login (docs/operations.md)"
    )


def test_an_unknown_environment_is_one_line_that_lists_those_that_exist(shop):
    result = subprocess.run(
        [THELOOK, "dashboard", "--env", "prdo"], env=shop.env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "thelook dashboard: no environment named 'prdo' (known: prod); create it with "
        "`sqlmesh plan prdo`, or show one of those"
    ]


def test_the_server_keeps_errors_and_the_toolbar_from_viewers():
    command = streamlit_command()
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert options["--server.address"] == "127.0.0.1"
    assert options["--client.showErrorDetails"] == "none"
    assert options["--client.toolbarMode"] == "viewer"
    assert options["--browser.gatherUsageStats"] == "false"
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


@pytest.mark.parametrize("page", list(PAGES))
def test_a_configured_login_hides_every_page(page, reading):
    app = AppTest.from_file(str(PAGES[page]), default_timeout=60)
    app.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "a-long-random-string",
        "client_id": "dashboard",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration",
    }
    app.run()
    assert not app.exception
    assert [button.label for button in app.button] == ["Log in"]
    assert not app.metric and not app.dataframe


def test_an_unexpected_error_stays_in_the_log(reading, monkeypatch, caplog):
    def broken(sql: str):
        raise RuntimeError("secret internals: password=hunter2 at /srv/app.py line 9")

    monkeypatch.setattr(data, "query", broken)
    app = AppTest.from_file(str(PAGES["Overview"]), default_timeout=60).run()
    assert not app.exception
    (error,) = [e.value for e in app.error]
    assert "details are in the dashboard's log" in error and "thelook check" in error
    assert "hunter2" not in str([e.value for e in app.error]) + str(app.markdown)


def test_a_bad_setting_is_one_line_on_the_models_page(reading, monkeypatch):
    monkeypatch.setenv("THELOOK_CAMPAIGN_UPLIFT", "lots")
    app = AppTest.from_file(str(PAGES["Models"]), default_timeout=120).run()
    assert not app.exception
    (error,) = [e.value for e in app.error]
    assert error.startswith("The project cannot be loaded: THELOOK_CAMPAIGN_UPLIFT='lots' is not")
    assert "\n" not in error
