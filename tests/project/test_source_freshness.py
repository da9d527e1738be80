"""A source that does not cover as_of stops the plan at staging in one line, with prod kept; a
shop too small to train on falls back to the baselines, says so, and builds."""

import re
import shutil
from datetime import timedelta

import duckdb
import pytest

from tests.conftest import AS_OF
from tests.project.conftest import Warehouse
from tests.project.test_corrupt_source import marts_snapshot
from thelook.source.generate import generate

SMALL_SHOP_USERS = 150


def one_line(result) -> str:
    return " ".join((result.stdout + result.stderr).split())


@pytest.fixture
def copy(prod: Warehouse, tmp_path) -> Warehouse:
    copy = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb")
    shutil.copy(prod.source, copy.source)
    shutil.copy(prod.path, copy.path)
    return copy


def test_a_stale_source_stops_the_plan_and_prod_keeps_serving(copy):
    before = marts_snapshot(copy)
    # Three weeks after the source's last day, as a run on a source nobody refreshed would be.
    later = (AS_OF + timedelta(days=22)).isoformat()
    result = copy.try_plan("prod", execution_time=later)
    output = one_line(result)
    assert result.returncode != 0, output
    stale = re.search(
        r"the source is stale: its last order is on (\S+) and its last event on (\S+), but "
        r"as_of is (\S+)\. Pin THELOOK_AS_OF=(\S+) \(or earlier\) to measure to what it holds, "
        r"or regenerate the source",
        output,
    )
    assert stale, output
    assert stale[3] == (AS_OF + timedelta(days=21)).isoformat()
    assert stale[4] == min(stale[1], stale[2]) and stale[4] <= AS_OF.isoformat()
    assert "Traceback" not in output
    assert marts_snapshot(copy) == before


def test_the_allowed_lag_lets_a_slow_source_through(copy):
    with duckdb.connect(str(copy.source)) as con:
        last = con.execute("SELECT MAX(DATE(created_at)) FROM thelook_ecommerce.orders").fetchone()
    # Twelve days after the last order: past the default 3 days, within the 30 allowed here.
    copy.settings = {"THELOOK_SOURCE_LAG_DAYS": "30"}
    later = (last[0] + timedelta(days=12)).isoformat()
    # Prod's own run of that day: another environment may not move prod's as_of
    # (macros/as_of.py).
    result = copy.try_plan("prod", execution_time=later)
    output = one_line(result)
    assert result.returncode == 0, output
    assert re.search(r"intermediate\.source_coverage \[full refresh, audits passed", output)


def test_an_as_of_before_the_first_order_is_one_line(copy):
    copy.as_of = "2018-06-01"
    result = copy.try_plan("backtest")
    output = one_line(result)
    assert result.returncode != 0
    assert re.search(
        r"the source holds no orders or no events on or before as_of 2018-06-01: pin "
        r"THELOOK_AS_OF to a day the source covers",
        output,
    ), output
    assert "Traceback" not in output


def test_a_shop_too_small_to_train_on_builds_on_the_baselines(tmp_path):
    shop = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb")
    generate(shop.source, SMALL_SHOP_USERS, seed=3, as_of=AS_OF)
    output = one_line(shop.try_plan("prod"))
    assert "Plan application failed" not in output, output
    assert re.search(
        r"marts\.propensity_scores: \S+ labelled rows \((\d+) positive, \d+ negative\), "
        r"fewer than 50 of each outcome at the training cutoff \S+; scored by the tenure "
        r"baseline instead of the classifier",
        output,
    ), output
    assert re.search(
        r"marts\.offer_scores: .* at the training cutoff \S+; scored by the popularity baseline",
        output,
    ), output
    assert "'accepted_values_non_blocking' audit error" in output
    # Too few buyers to tell a model from its baseline: the gates warn instead of stopping.
    assert "'enough_to_judge' audit error" in output
    with shop.connect() as con:
        verdicts = con.execute(
            "SELECT (SELECT scored_by FROM warehouse.marts.propensity_evaluation), "
            "(SELECT scored_by FROM warehouse.marts.cross_sell_evaluation), "
            "(SELECT COUNT(*) FROM warehouse.marts.purchase_propensity), "
            "(SELECT COUNT(*) FROM warehouse.marts.cross_sell_opportunities)"
        ).fetchone()
    assert verdicts[:2] == ("tenure baseline", "popularity baseline")
    assert verdicts[2] > 0 and verdicts[3] > 0
