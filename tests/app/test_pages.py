"""Every page renders on a generated dataset, its key figures equal values computed from the
marts directly, and its filters change them as they should."""

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import PAGES
from thelook.app import data


def run(page: str) -> AppTest:
    app = AppTest.from_file(str(PAGES[page]), default_timeout=120).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metric(app: AppTest, label: str) -> str:
    (found,) = [m.value for m in app.metric if m.label == label]
    return found


def one(reading, sql: str):
    with reading.connect() as con:
        return con.execute(sql).fetchone()


def test_overview_figures_and_the_department_filter(reading):
    app = run("Overview")
    customers, buyers, revenue, orders = one(
        reading,
        "SELECT count(*), count(*) FILTER (WHERE total_orders > cancelled_orders), "
        "sum(net_revenue), sum(total_orders - cancelled_orders) "
        "FROM warehouse.marts.customer_metrics",
    )
    assert metric(app, "Customers") == f"{customers:,}"
    assert metric(app, "Buyers") == f"{buyers:,}"
    assert metric(app, "Net revenue") == f"${revenue:,.0f}"
    assert metric(app, "Average order value") == f"${revenue / orders:,.0f}"
    everything = metric(app, "Return rate")
    app.sidebar.multiselect(key="department").select("Men").run()
    (men,) = one(
        reading,
        "SELECT sum(items_returned) / sum(items_sold) FROM warehouse.marts.product_performance "
        "WHERE department = 'Men'",
    )
    assert metric(app, "Return rate") == f"{men:.1%}" != everything


def test_segments_summary_grid_and_customers_on_demand(reading):
    app = run("Segments")
    (segments,) = one(reading, "SELECT count(*) FROM warehouse.marts.segment_summary")
    summary = app.dataframe[0].value
    assert len(summary) == segments
    assert (
        summary["users"].sum()
        == one(reading, "SELECT count(*) FROM src.thelook_ecommerce.users")[0]
    )
    app.selectbox(key="segment").select("Prospect").run()
    app.button(key="show_customers").click().run()
    (prospects,) = one(
        reading, "SELECT count(*) FROM warehouse.marts.customer_segments WHERE segment = 'Prospect'"
    )
    assert len(app.dataframe[1].value) == min(500, prospects)
    app.sidebar.multiselect(key="tier").select("High").run()
    app.button(key="show_customers").click().run()
    (high,) = one(
        reading,
        "SELECT count(*) FROM warehouse.marts.customer_segments "
        "WHERE segment = 'Prospect' AND engagement_tier = 'High'",
    )
    assert len(app.dataframe[1].value) == min(500, high)


def test_segments_migration_and_the_slipping_list_to_download(reading):
    app = run("Segments")
    (slipping,) = one(reading, "SELECT count(*) FROM warehouse.marts.slipping_customers")
    listed = app.dataframe[1].value
    assert len(listed) == min(500, slipping)
    assert listed["priority"].is_monotonic_increasing
    assert f"{slipping:,} customers moved" in " ".join(c.value for c in app.caption)
    app.selectbox(key="slipped_to").select("At risk").run()
    (at_risk,) = one(
        reading,
        "SELECT count(*) FROM warehouse.marts.slipping_customers WHERE segment = 'At risk'",
    )
    assert len(app.dataframe[1].value) == min(500, at_risk)


def test_history_months_and_retention(reading):
    app = run("History")
    months, returning, start_buyers = one(
        reading,
        "SELECT count(DISTINCT month_end), sum(returning_buyers) FILTER (WHERE month_end = "
        "(SELECT max(month_end) FROM warehouse.marts.segment_history)), sum(users - new_buyers) "
        "FILTER (WHERE segment <> 'Prospect' AND month_end = (SELECT max(month_end) FROM "
        "warehouse.marts.segment_history)) FROM warehouse.marts.segment_history",
    )
    monthly = app.dataframe[0].value
    assert len(monthly) == months >= 24
    assert monthly["retention"].iloc[-1] == pytest.approx(returning / start_buyers)


def test_products_count_and_filters(reading):
    app = run("Products")
    (products,) = one(reading, "SELECT count(*) FROM warehouse.marts.product_performance")
    assert metric(app, "Products") == f"{products:,}"
    app.sidebar.multiselect(key="department").select("Women").run()
    (women,) = one(
        reading,
        "SELECT count(*) FROM warehouse.marts.product_performance WHERE department = 'Women'",
    )
    assert metric(app, "Products") == f"{women:,}"
    best = app.dataframe[0].value
    assert set(best["department"]) == {"Women"} and len(best) == 10


def test_cross_sell_strategies_quality_and_one_customers_offers(reading):
    app = run("Cross-sell")
    targeted, incremental = one(
        reading,
        "SELECT sum(targeted_users), sum(incremental_revenue) "
        "FROM warehouse.marts.cross_sell_strategy_impact",
    )
    assert metric(app, "Offers (user and category)") == f"{targeted:,}"
    assert metric(app, "Incremental revenue") == f"${incremental:,.0f}"
    (auc,) = one(reading, "SELECT roc_auc FROM warehouse.marts.propensity_evaluation")
    assert metric(app, "ROC AUC out of time") == f"{auc:.3f}"
    assert "assume the campaign raises buying by 10%" in app.warning[0].value
    app.sidebar.multiselect(key="segment").select("Prospect").run()
    (prospects,) = one(
        reading,
        "SELECT sum(targeted_users) FROM warehouse.marts.cross_sell_strategy_impact "
        "WHERE segment = 'Prospect'",
    )
    assert metric(app, "Offers (user and category)") == f"{prospects:,}"
    app.number_input(key="user_id").set_value(2).run()
    offers = app.dataframe[-1].value
    (expected,) = one(
        reading, "SELECT count(*) FROM warehouse.marts.cross_sell_opportunities WHERE user_id = 2"
    )
    assert len(offers) == expected == 3


def test_models_catalogue_and_column_lineage(reading):
    app = run("Models")
    app.selectbox(key="model").select("intermediate.user_orders").run()
    columns = app.dataframe[0].value
    assert "gross_revenue" in set(columns["column"])
    assert all(columns["description"])
    app.selectbox(key="column").select("gross_revenue").run()
    sources = app.dataframe[1].value
    assert "intermediate.order_items_enriched" in set(sources["model"])
    assert "sale_price" in set(sources["column"])
    app.selectbox(key="model").select("marts.cross_sell_opportunities").run()
    assert "Python model" in app.info[0].value


def test_models_quality_gates_and_drift(reading):
    app = run("Models")
    gates, drift = app.dataframe[-2].value, app.dataframe[-1].value
    assert list(gates["model"]) == ["Purchase propensity", "Cross-sell offers", "Customer value"]
    (features,) = one(reading, "SELECT count(*) FROM warehouse.marts.feature_drift")
    assert len(drift) == features


def test_value_by_segment_decile_and_cohort(reading):
    app = run("Value")
    summary = app.dataframe[0].value
    (predicted,) = one(
        reading, "SELECT sum(predicted_net_revenue) FROM warehouse.marts.customer_value"
    )
    assert summary["predicted_net_revenue"].sum() == pytest.approx(predicted)
    judged = app.dataframe[1].value
    assert list(judged["Ranking by"]) == ["Predicted value", "Past net revenue", "Tenure alone"]
    (gate,) = one(reading, "SELECT gate FROM warehouse.marts.customer_value_evaluation")
    assert any(f"Quality gate: **{gate}**" in caption.value for caption in app.caption)


# The Review page of prod only says to serve another environment.
@pytest.mark.parametrize("page", [name for name in PAGES if name not in ("Models", "Review")])
def test_a_missing_warehouse_says_what_to_run(page, reading, monkeypatch, tmp_path):
    monkeypatch.setenv("THELOOK_WAREHOUSE", str(tmp_path / "none.duckdb"))
    from thelook.app import data

    data.source.cache_clear()
    app = run(page)
    assert "run `make run`" in app.info[0].value


def test_a_mart_not_built_yet_says_what_to_run(reading, monkeypatch, tmp_path):
    from thelook.app import data

    without = tmp_path / "warehouse.duckdb"
    shutil.copy(reading.path, without)
    with duckdb.connect(str(without)) as con:
        con.execute("DROP VIEW warehouse.marts.cross_sell_strategy_impact")
    monkeypatch.setenv("THELOOK_WAREHOUSE", str(without))
    data.source.cache_clear()
    app = run("Cross-sell")
    assert "run `make run`" in app.info[0].value
    assert "cross_sell_strategy_impact" in app.info[0].value


def test_review_says_what_the_environment_changes(reviewed, monkeypatch):
    monkeypatch.setenv("THELOOK_WAREHOUSE", str(reviewed.path))
    monkeypatch.setenv("THELOOK_SOURCE", str(reviewed.source))
    monkeypatch.setenv(data.ENVIRONMENT, "dev")
    data.source.cache_clear()
    with reviewed.connect() as con:
        (moved,) = con.execute(
            "SELECT count(*) FROM warehouse.marts.customer_segments AS p "
            "JOIN warehouse.marts__dev.customer_segments AS d USING (user_id) "
            "WHERE p.segment <> d.segment"
        ).fetchone()
    app = run("Review")
    assert app.markdown[0].value.startswith(f"{moved:,} customers (")
    assert app.selectbox(key="pair").options == ["Loyal → Champions"]
    app.button(key="show").click().run()
    shown = app.dataframe[0].value
    assert len(shown) == moved and set(shown["after"]) == {"Champions"}
    assert any("### Customers who move" in m.value for m in app.markdown)
    data.source.cache_clear()


def test_review_of_prod_says_to_serve_an_environment(reading):
    app = run("Review")
    assert "thelook dashboard --env dev" in app.info[0].value


def test_campaigns_plan_readout_audience_and_list(reading):
    app = run("Campaigns")
    first, audience, treatment = one(
        reading,
        "SELECT campaign, audience_users, treatment_users FROM warehouse.marts.campaign_plans "
        "ORDER BY campaign LIMIT 1",
    )
    assert metric(app, "Audience") == f"{audience:,}"
    assert metric(app, "Treatment") == f"{treatment:,}"
    (waiting,) = one(
        reading,
        f"SELECT verdict FROM warehouse.marts.campaign_readouts WHERE campaign = '{first}'",
    )
    assert waiting in [box.value for box in [*app.info, *app.success]]
    app.selectbox(key="campaign").select("jeans-for-lapsing-men").run()
    verdict, treated, held = one(
        reading,
        "SELECT verdict, treatment_users, holdout_users FROM warehouse.marts.campaign_readouts "
        "WHERE campaign = 'jeans-for-lapsing-men'",
    )
    assert verdict in [box.value for box in app.success]
    assert len(app.dataframe[0].value) == 3  # buyers, revenue, revenue adjusted
    groups = app.dataframe[1].value
    assert groups["customers"].sum() == treated + held
    assert set(groups["assigned_group"]) == {"treatment", "holdout"}
