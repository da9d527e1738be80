"""A scoring model made worse than its baseline elects the baseline at its quality gate: the plan
completes, the baseline's scores are served and say so, and a warning names the metric, the
model's value, the baseline's and the bound."""

import re
import shutil

from tests.project.conftest import Warehouse, copy_project

# The degradation: the propensity model learns from labels shuffled among the training users,
# so it ranks next month's buyers no better than chance.
TRAINING = (
    "        return _scorer(fit(training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, "
    "PROPENSITY_LABEL))"
)
SHUFFLED = (
    "        shuffled = training.assign(\n"
    "            **{PROPENSITY_LABEL: training[PROPENSITY_LABEL].sample(frac=1, random_state=0)"
    ".to_numpy()}\n"
    "        )\n"
    "        return _scorer(fit(shuffled, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, "
    "PROPENSITY_LABEL))"
)
WARNING_LINE = re.compile(
    r"marts\.purchase_propensity: the scoring model is worse than its baseline beyond noise in "
    r"marts\.propensity_evaluation: roc_auc (0\.\d+) against (0\.\d+) for the baseline \(95% "
    r"upper bound of the difference -0\.\d+, below the margin of -0\.02\); served the tenure "
    r"baseline's scores instead"
)


def test_a_model_worse_than_its_baseline_elects_the_baseline(prod, tmp_path):
    checkout = copy_project(tmp_path / "checkout")
    module = checkout / "thelook" / "business" / "purchase_propensity.py"
    assert TRAINING in module.read_text()
    module.write_text(module.read_text().replace(TRAINING, SHUFFLED))
    warehouse = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb", checkout)
    shutil.copy(prod.source, warehouse.source)
    shutil.copy(prod.path, warehouse.path)

    result = warehouse.try_plan("prod")
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, output
    warning = WARNING_LINE.search(output)
    assert warning, output
    model, baseline = (float(value) for value in warning.groups())
    assert model < baseline
    assert "marts.propensity_evaluation: 'baseline_elected' audit error: 1 row failed" in output
    with warehouse.connect() as con:
        (gate,) = con.execute("SELECT gate FROM warehouse.marts.propensity_evaluation").fetchone()
        served = con.execute(
            """
            SELECT served.scored_by, count(*), count(scores.user_id)
            FROM warehouse.marts.purchase_propensity AS served
            LEFT JOIN warehouse.marts.propensity_scores AS scores
              ON scores.user_id = served.user_id AND scores.scored_at = served.as_of
              AND scores.scored_by = served.scored_by
              AND scores.purchase_probability = served.purchase_probability
            GROUP BY ALL
            """
        ).fetchall()
    assert gate == "worse than baseline: baseline elected"
    # Every user is served the baseline's score, the one marts.propensity_scores holds for it.
    ((scored_by, users, matched),) = served
    assert scored_by == "tenure baseline" and users == matched > 0


def test_the_small_shop_builds_every_scoring_mart_and_says_what_serves(prod):
    """On the 3,000-user shop the propensity and offer models pass their gates; the value
    model's top tenth holds less of the next half-year than tenure's beyond noise, so the
    tenure baseline's values serve."""
    with prod.connect() as con:
        verdicts = dict(
            con.execute(
                """
                SELECT 'propensity', gate FROM warehouse.marts.propensity_evaluation
                UNION ALL SELECT 'offers', gate FROM warehouse.marts.cross_sell_evaluation
                UNION ALL SELECT 'value', gate_metric || ': ' || gate
                FROM warehouse.marts.customer_value_evaluation
                """
            ).fetchall()
        )
        served = dict(
            con.execute(
                """
                SELECT 'propensity', any_value(scored_by) FROM warehouse.marts.purchase_propensity
                UNION ALL SELECT 'offers', any_value(scored_by)
                FROM warehouse.marts.cross_sell_opportunities
                UNION ALL SELECT 'value', any_value(scored_by) FROM warehouse.marts.customer_value
                """
            ).fetchall()
        )
    assert verdicts == {
        "propensity": "no worse than baseline",
        "offers": "no worse than baseline",
        "value": "top_decile_capture: worse than baseline: baseline elected",
    }
    assert served == {
        "propensity": "gradient boosting",
        "offers": "gradient boosting",
        "value": "tenure baseline",
    }
