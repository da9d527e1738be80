"""The out-of-time backtest of the propensity model, the category affinities, the cross-sell
offers and the customer value model, on the faithful source and on one with planted browsing
(`thelook generate --browsing`).

Bars: on the faithful data ROC AUC >= 0.75 and not below the tenure baseline, and a hit rate at
3 at least the popularity baseline's; with planted browsing a clearly higher AUC, a top-decile
lift well above 1, the planted affine pairs at the top of category_affinity, and a hit rate
clearly above the baseline's. The value model: on faithful data a rank correlation and a
top-decile capture above past spend's and at least tenure's, on browsing data clearly above
tenure's, and a predicted total within 30% of the realised one. Both value approaches are
judged on the same cutoffs, the one the marts use and the other.
Usage: python benchmarks/backtest.py [USERS]   (default 100,000; sources are generated first)
"""

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import duckdb

from thelook.business.customer_value import (
    APPROACHES,
    ORDERS_LABEL,
    REVENUE_LABEL,
    VALUE_APPROACH,
    VALUE_FEATURES,
    evaluate_values,
    value_model,
)
from thelook.glue.as_of import value_cutoffs
from thelook.source.browsing import AFFINE

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
AS_OF = date(2026, 11, 1)
MODES = {"faithful": [], "browsing": ["--browsing"]}


def build(folder: Path, users: int, flags: list[str]) -> duckdb.DuckDBPyConnection:
    """Generate a source as of AS_OF, plan prod over it, and open the warehouse."""
    source, warehouse = folder / "thelook.duckdb", folder / "warehouse.duckdb"
    env = {
        **os.environ,
        "THELOOK_SOURCE": str(source),
        "THELOOK_WAREHOUSE": str(warehouse),
        "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
    }
    generate = [str(BIN / "thelook"), "generate", "--users", str(users), "--as-of", str(AS_OF)]
    subprocess.run([*generate, "--out", str(source), *flags], env=env, check=True, cwd=PROJECT)
    plan = [
        str(BIN / "sqlmesh"),
        "--gateway",
        "local",
        "plan",
        "prod",
        "--auto-apply",
        "--no-prompts",
    ]
    execution_time = str(AS_OF + timedelta(days=1))
    result = subprocess.run(
        [*plan, "--execution-time", execution_time],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"plan failed:\n{result.stdout}{result.stderr}")
    return duckdb.connect(str(warehouse), read_only=True)


# Ordered pairs (department, A, B) with B planted as affine to A, or A to B: the same
# co-purchases raise the lift both ways.
PLANTED = {
    pair
    for department, affine in AFFINE.items()
    for a, targets in affine.items()
    for b in targets
    for pair in ((department, a, b), (department, b, a))
}


def planted_share_of_top_pairs(con: duckdb.DuckDBPyConnection) -> float:
    """Share of planted pairs among the len(PLANTED) pairs of highest lift."""
    pairs = con.execute(
        "SELECT department, category_a, category_b FROM marts.category_affinity "
        f"ORDER BY lift DESC LIMIT {len(PLANTED)}"
    ).fetchall()
    return sum(tuple(pair) in PLANTED for pair in pairs) / len(pairs)


PROPENSITY = (
    "SELECT roc_auc, baseline_roc_auc, average_precision, top_decile_lift, brier_score, "
    "base_rate FROM marts.propensity_evaluation"
)
CROSS_SELL = (
    "SELECT users_who_bought_new_category, hit_rate_at_3, baseline_hit_rate_at_3, "
    "expected_revenue, realised_revenue FROM marts.cross_sell_evaluation"
)
VALUE = (
    "SELECT rank_correlation, top_decile_capture, past_revenue_rank_correlation, "
    "past_revenue_top_decile_capture, tenure_rank_correlation, tenure_top_decile_capture, "
    "predicted_total, realized_total, users FROM marts.customer_value_evaluation"
)
VALUE_ROWS = f"""
SELECT user_id, {", ".join(VALUE_FEATURES)}, {ORDERS_LABEL}, {REVENUE_LABEL}
FROM intermediate.user_features
WHERE cutoff_date = ?
ORDER BY user_id
"""


def value_approaches(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Each value approach trained at as_of - 360 and judged at as_of - 180 on every user."""
    training_cutoff, evaluation_cutoff, _ = value_cutoffs(AS_OF)
    training = con.execute(VALUE_ROWS, [training_cutoff]).df()
    evaluation = con.execute(VALUE_ROWS, [evaluation_cutoff]).df()
    judged = {}
    for approach in APPROACHES:
        predicted = value_model(training, approach).predict(evaluation)
        scored = evaluation.assign(predicted_net_revenue=predicted["predicted_net_revenue"])
        judged[approach] = evaluate_values(training, scored)
    return judged


TOP_STRATEGIES = """
SELECT segment, department, category, targeted_users, expected_buy_rate, expected_revenue,
       incremental_revenue, incremental_profit, holdout_users_needed, minimum_detectable_uplift
FROM marts.cross_sell_strategy_impact
ORDER BY incremental_revenue DESC
LIMIT 8
"""


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    results, strategies = {}, None
    for mode, flags in MODES.items():
        with tempfile.TemporaryDirectory() as folder:
            con = build(Path(folder), users, flags)
            results[mode] = (
                con.execute(PROPENSITY).fetchone(),
                planted_share_of_top_pairs(con),
                con.execute(CROSS_SELL).fetchone(),
                con.execute(VALUE).fetchone(),
                value_approaches(con),
            )
            if mode == "browsing":
                strategies = con.execute(TOP_STRATEGIES).fetchall()
            con.close()

    print(f"\nBacktest at {users:,} users, as_of {AS_OF}\n")
    print(
        "| source | ROC AUC | tenure baseline | average precision | top-decile lift | Brier "
        f"| base rate | planted pairs in top {len(PLANTED)} by lift |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mode, ((auc, baseline, precision, lift, brier, base), planted, *_) in results.items():
        print(
            f"| {mode} | {auc:.3f} | {baseline:.3f} | {precision:.3f} | {lift:.2f} | "
            f"{brier:.4f} | {base:.2%} | {planted:.0%} |"
        )
    print(
        "\n| source | new-category buyers | hit rate at 3 | popularity baseline "
        "| expected revenue | realised revenue |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for mode, (_, _, (buyers, hits, baseline, expected, realised), *_) in results.items():
        print(
            f"| {mode} | {buyers:,} | {hits:.1%} | {baseline:.1%} | ${expected:,.0f} "
            f"| ${realised:,.0f} |"
        )
    print(
        "\nCustomer value, judged at as_of - 180 on the next 180 days (marts.customer_value_"
        "evaluation):\n"
    )
    print(
        "| source | users | ranking | rank correlation | top-decile capture "
        "| predicted / realised total |"
    )
    print("|---|---:|---|---:|---:|---:|")
    for mode, (*_, value, approaches) in results.items():
        corr, capture, past_corr, past_capture, tenure_corr, tenure_capture, total, real, n = value
        rows = [
            (f"model ({VALUE_APPROACH}, in the marts)", corr, capture, f"{total / real:.2f}"),
            ("past net revenue", past_corr, past_capture, ""),
            ("tenure alone", tenure_corr, tenure_capture, ""),
        ]
        for approach, judged in approaches.items():
            ratio = judged["predicted_total"] / judged["realized_total"]
            rows.append(
                (
                    f"{approach}, on every user",
                    judged["rank_correlation"],
                    judged["top_decile_capture"],
                    f"{ratio:.2f}",
                )
            )
        for ranking, rank_corr, top, ratio in rows:
            print(f"| {mode} | {n:,} | {ranking} | {rank_corr:+.3f} | {top:.1%} | {ratio} |")
    print("\nTop strategies on the browsing source (campaign_uplift 0.10):\n")
    print(
        "| segment | category | targeted users | expected buy rate | expected revenue "
        "| incremental revenue | incremental profit | holdout needed | smallest detectable uplift |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for segment, department, category, users_, rate, expected, extra, profit, holdout, mdu in (
        strategies or []
    ):
        detectable = "none up to 100%" if mdu is None or mdu != mdu else f"{mdu:.0%}"
        print(
            f"| {segment} | {department} {category} | {users_:,} | {rate:.2%} | ${expected:,.0f} "
            f"| ${extra:,.0f} | ${profit:,.0f} | {holdout:,} | {detectable} |"
        )

    faithful, _, faithful_offers, faithful_value, _ = results["faithful"]
    browsing, _, browsing_offers, browsing_value, _ = results["browsing"]
    print(
        "faithful: ROC AUC >= 0.75 and >= the tenure baseline: "
        f"{faithful[0] >= 0.75 and faithful[0] >= faithful[1]}; "
        f"hit rate >= baseline: {faithful_offers[1] >= faithful_offers[2]}"
    )
    print(
        f"browsing: ROC AUC {browsing[0] - faithful[0]:+.3f} over faithful, top-decile lift "
        f"{browsing[3]:.2f}, hit rate "
        f"{100 * (browsing_offers[1] - browsing_offers[2]):+.1f} points over the baseline"
    )
    for mode, value in (("faithful", faithful_value), ("browsing", browsing_value)):
        corr, capture, past_corr, past_capture, tenure_corr, tenure_capture, total, real, _ = value
        print(
            f"{mode} value: rank correlation {corr:+.3f} (past spend {past_corr:+.3f}, tenure "
            f"{tenure_corr:+.3f}), top-decile capture {capture:.1%} (past spend "
            f"{past_capture:.1%}, tenure {tenure_capture:.1%}), predicted total "
            f"{total / real - 1:+.0%} against realised: beats past spend "
            f"{corr > past_corr and capture > past_capture}, at least tenure "
            f"{corr >= tenure_corr and capture >= tenure_capture}, within 30% "
            f"{abs(total / real - 1) <= 0.3}"
        )


if __name__ == "__main__":
    main()
