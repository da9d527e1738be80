"""`thelook generate`: determinism, and bad arguments that change nothing."""

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from thelook.source.schema import TABLES

THELOOK = [sys.executable, "-m", "thelook.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*THELOOK, *args], capture_output=True, text=True, cwd=cwd)


def fingerprint(path: Path) -> dict[str, str]:
    """A digest of every table's rows in key order, independent of the file's layout."""
    with duckdb.connect(str(path), read_only=True) as con:
        digests = {}
        for table, columns in TABLES.items():
            key = next(iter(columns))
            rows = con.execute(f"SELECT * FROM thelook_ecommerce.{table} ORDER BY {key}").fetchall()
            digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return digests


def test_same_seed_and_as_of_give_the_same_rows(tmp_path):
    first, second, other = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb"
    for path, seed in ((first, "3"), (second, "3"), (other, "4")):
        result = run(
            "generate",
            "--users",
            "400",
            "--seed",
            seed,
            "--as-of",
            "2025-06-30",
            "--out",
            str(path),
        )
        assert result.returncode == 0, result.stderr
    assert fingerprint(first) == fingerprint(second)
    differing = {t for t, digest in fingerprint(other).items() if digest != fingerprint(first)[t]}
    # The catalogue and the distribution centres are fixed, like the live ones.
    assert differing == set(TABLES) - {"products", "distribution_centers"}


def test_success_names_what_was_written(tmp_path):
    out = tmp_path / "nested" / "folder" / "t.duckdb"
    result = run("generate", "--users", "10", "--as-of", "2024-01-01", "--out", str(out))
    assert result.returncode == 0
    assert result.stdout.strip() == f"wrote 10 users as of 2024-01-01 to {out}"
    assert not list(out.parent.glob(".*partial*"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--users", "-5"], "argument --users: must be at least 1, got -5"),
        (["--users", "many"], "argument --users: expected a whole number, got 'many'"),
        (["--seed", "-1"], "argument --seed: must not be negative, got -1"),
        (
            ["--as-of", "2024-13-45"],
            "argument --as-of: expected a date as YYYY-MM-DD, got '2024-13-45'",
        ),
        (["--as-of", "2018-05-01"], "argument --as-of: must be after 2019-01-01"),
    ],
)
def test_bad_arguments_exit_with_one_line_and_leave_the_file(tmp_path, args, message):
    out = tmp_path / "existing.duckdb"
    out.write_bytes(b"previous contents")
    result = run("generate", *args, "--out", str(out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert out.read_bytes() == b"previous contents"


def test_unwritable_path_exits_with_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("generate", "--users", "10", "--out", str(blocker / "thelook.duckdb"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert f"cannot write {blocker / 'thelook.duckdb'}" in result.stderr
    assert blocker.read_text() == "not a folder"


def test_directory_as_out_is_refused(tmp_path):
    result = run("generate", "--users", "10", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "is a directory" in result.stderr


def test_failed_generation_leaves_the_existing_file(tmp_path, monkeypatch):
    from thelook.source import generate as module

    out = tmp_path / "thelook.duckdb"
    out.write_bytes(b"last good dataset")

    def broken_users(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "generate_users", broken_users)
    with pytest.raises(OSError):
        module.generate(out, 10, seed=1, as_of=date(2024, 1, 1))
    assert out.read_bytes() == b"last good dataset"
    assert [p.name for p in tmp_path.iterdir()] == ["thelook.duckdb"]


def test_a_database_write_error_is_one_line_and_keeps_the_file(tmp_path, monkeypatch, capsys):
    import duckdb

    from thelook import cli
    from thelook.source import generate as module

    out = tmp_path / "thelook.duckdb"
    out.write_bytes(b"last good dataset")

    def full_disk(*args, **kwargs):
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    monkeypatch.setattr(module, "_append", full_disk)
    assert cli.main(["generate", "--users", "10", "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith(f"thelook generate: cannot write {out}: ")
    assert "No space left on device" in error[0] and "Traceback" not in error[0]
    assert out.read_bytes() == b"last good dataset"
