"""config.yaml renders every value from the environment safely, and its defaults are the safe
ones: state over TLS when offered, no alerts unless asked for, one local gateway."""

import pytest

from tests.project.conftest import PROJECT
from thelook.app.view import in_list, literal
from thelook.preflight import load_config

BIGQUERY = {"BIGQUERY_PROJECT": "p", "BIGQUERY_AUTH_METHOD": "oauth-secrets", "BIGQUERY_TOKEN": "t"}


@pytest.fixture
def environment(monkeypatch):
    def use(**values: str):
        for name in ("SQLMESH_STATE_SSLMODE", "SLACK_WEBHOOK_URL", "SMTP_HOST", "SQLMESH_GATEWAY"):
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        return load_config(PROJECT)

    return use


def test_a_password_of_any_characters_arrives_as_it_is(environment):
    password = "a\"b\\c: d # e'f {g}"
    state = environment(**BIGQUERY, SQLMESH_STATE_PASSWORD=password).gateways["bigquery"]
    assert state.state_connection.password == password


def test_the_state_connection_prefers_tls_and_can_require_it(environment):
    assert environment(**BIGQUERY).gateways["bigquery"].state_connection.sslmode == "prefer"
    required = environment(**BIGQUERY, SQLMESH_STATE_SSLMODE="require")
    assert required.gateways["bigquery"].state_connection.sslmode == "require"


def test_alerts_only_when_asked_for(environment):
    assert environment().notification_targets == []
    (slack,) = environment(SLACK_WEBHOOK_URL="https://hooks.example/x").notification_targets
    assert slack.url == "https://hooks.example/x"
    assert {event.value for event in slack.notify_on} == {
        "run_failure",
        "audit_failure",
        "apply_failure",
        "apply_end",
    }


def test_one_local_gateway_without_bigquery(environment):
    assert list(environment().gateways) == ["local"]


def test_dashboard_filters_are_literals_whatever_they_hold():
    assert in_list("department", ["Men", "O'Neil\\"]) == "department IN ('Men', 'O\\'Neil\\\\')"
    assert in_list("products.category", []) == "FALSE"
    assert literal("x' OR 1 = 1 --") == "'x\\' OR 1 = 1 --'"
