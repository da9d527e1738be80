"""The backtest's sample: every user up to BACKTEST_USERS, about that many beyond, the same
users on every run, in DuckDB as the one definition writes it for BigQuery."""

import duckdb
import pytest
import sqlglot

from thelook.glue.samples import BACKTEST_USERS, SAMPLE_CAP, backtest_condition


def sampled(users: int) -> set[int]:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging")
    con.execute(
        f"CREATE TABLE staging.stg_users AS SELECT range AS user_id FROM range(1, {users + 1})"
    )
    sql = f"SELECT user_id FROM staging.stg_users WHERE {backtest_condition()}"
    query = sqlglot.transpile(sql, read="bigquery", write="duckdb")[0]
    return {user for (user,) in con.execute(query).fetchall()}


def test_every_user_is_in_the_backtest_up_to_its_size():
    assert sampled(BACKTEST_USERS) == set(range(1, BACKTEST_USERS + 1))


@pytest.mark.parametrize("users", [2_500_000, 4_000_000])
def test_beyond_its_size_about_that_many_are_drawn_and_the_draw_repeats(users):
    sample = sampled(users)
    # A fair draw of each user with chance BACKTEST_USERS / users: within 4 standard deviations.
    share = BACKTEST_USERS / users
    assert abs(len(sample) - BACKTEST_USERS) < 4 * (users * share * (1 - share)) ** 0.5
    assert sampled(users) == sample
    # Spread over the ids, not a block of them: each tenth of the ids holds its share.
    tenth = users // 10
    for start in range(1, users, tenth):
        share = len([user for user in sample if start <= user < start + tenth]) / len(sample)
        assert share == pytest.approx(0.1, abs=4 * (0.1 * 0.9 / len(sample)) ** 0.5)


def test_the_backtest_judges_at_least_as_many_users_as_a_model_trains_on():
    assert BACKTEST_USERS >= SAMPLE_CAP
