"""Alerts: with SLACK_WEBHOOK_URL set, SQLMesh's notification targets report a finished prod
apply, a failed apply, a failed daily run and a failed blocking audit. Shown against a stub
webhook on this machine; without the variable nothing is sent."""

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import duckdb
import pytest

from tests.project.conftest import Warehouse


class Webhook:
    """A stub Slack webhook: it answers `ok` and keeps every message's text."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(json.dumps(json.loads(body)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T0/B0/x"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def texts(self) -> str:
        return "\n".join(self.received)


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.server.shutdown()


@pytest.fixture
def copy(prod: Warehouse, tmp_path, webhook) -> Warehouse:
    copy = Warehouse(
        tmp_path / "source.duckdb",
        tmp_path / "warehouse.duckdb",
        settings={"SLACK_WEBHOOK_URL": webhook.url},
    )
    shutil.copy(prod.source, copy.source)
    shutil.copy(prod.path, copy.path)
    return copy


def test_a_finished_prod_apply_is_reported(copy, webhook):
    # An apply of prod that rebuilds one mart, as cheap as an apply gets.
    result = copy.try_plan("prod", "--restate-model", "marts.monthly_sales")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "apply finished for environment `prod`" in webhook.texts()
    assert "failed" not in webhook.texts()


def duplicate_two_users(warehouse: Warehouse) -> None:
    with duckdb.connect(str(warehouse.source)) as con:
        con.execute(
            "INSERT INTO thelook_ecommerce.users SELECT * FROM thelook_ecommerce.users LIMIT 2"
        )


def test_a_failed_audit_and_a_failed_run_are_reported(copy, webhook):
    duplicate_two_users(copy)
    # The daily run, as the scheduled workflow starts it.
    result = copy.sqlmesh("run")
    assert result.returncode != 0, result.stdout + result.stderr
    texts = webhook.texts()
    assert "Audit failure" in texts and "unique_values" in texts, texts
    assert "SQLMesh run failed" in texts, texts


def test_nothing_is_sent_without_a_webhook(copy, webhook):
    copy.settings = {}
    duplicate_two_users(copy)
    assert copy.sqlmesh("run").returncode != 0
    assert webhook.received == []
