"""`make test` installs the browser its dashboard tests drive (scripts/install-chromium): through
apt as root or with sudo, or it stops before anything runs with one line naming the command."""

import subprocess
from pathlib import Path

import pytest

from tests.project.conftest import PROJECT

SCRIPT = PROJECT / "scripts" / "install-chromium"
BASH = "/bin/bash"


@pytest.fixture
def machine(tmp_path: Path):
    """A PATH of stub commands: `id -u` answers the uid given, sudo and apt-get log calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"

    def stub(name: str, body: str) -> None:
        path = bin_dir / name
        path.write_text(f"#!{BASH}\n{body}\n")
        path.chmod(0o755)

    def run(uid: int, sudo_works: bool = False, chromium: bool = False):
        stub("id", f"echo {uid}")
        stub("sudo", f'echo "sudo $*" >> {calls}; {"" if sudo_works else "exit 1"}')
        stub("apt-get", f'echo "apt-get $*" >> {calls}')
        if chromium:
            stub("chromium", "exit 0")
        result = subprocess.run(
            [BASH, str(SCRIPT)], env={"PATH": str(bin_dir)}, capture_output=True, text=True
        )
        return result, calls.read_text() if calls.exists() else ""

    return run


def test_without_root_or_sudo_it_stops_in_one_line(machine):
    result, calls = machine(uid=1000)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "make test: the dashboard's browser tests need Chromium: run "
        "'sudo apt-get install -y chromium' and run make test again"
    ]
    assert "apt-get install" not in calls


def test_as_root_it_installs_debians_chromium(machine):
    result, calls = machine(uid=0)
    assert result.returncode == 0, result.stderr
    assert "apt-get install -y -qq chromium" in calls and "sudo" not in calls


def test_with_sudo_it_installs_through_sudo(machine):
    result, calls = machine(uid=1000, sudo_works=True)
    assert result.returncode == 0, result.stderr
    assert "sudo -n apt-get install -y -qq chromium" in calls


def test_an_installed_chromium_is_left_alone(machine):
    result, calls = machine(uid=1000, chromium=True)
    assert result.returncode == 0 and calls == ""
