"""A scoring model made worse than its baseline stops the plan at its quality gate, in one line
naming the metric, the model's value and the baseline's, and prod keeps the scores it had."""

import re
import shutil

from tests.project.conftest import Warehouse, copy_project

# The degradation: the propensity model learns from labels shuffled among the training users,
# so it ranks next month's buyers no better than chance.
TRAINING = "    return fit(training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL)"
SHUFFLED = (
    "    shuffled = training.assign(\n"
    "        **{PROPENSITY_LABEL: training[PROPENSITY_LABEL].sample(frac=1, random_state=0)"
    ".to_numpy()}\n"
    "    )\n"
    "    return fit(shuffled, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL)"
)
GATE_LINE = re.compile(
    r"the scoring model is worse than its baseline beyond noise: "
    r"roc_auc (0\.\d+) against (0\.\d+) for the baseline \(95% upper bound of the "
    r"difference -0\.\d+, below the margin of -0\.02\); prod keeps the scores it had"
)


def test_a_model_worse_than_its_baseline_stops_the_plan(prod, tmp_path):
    checkout = copy_project(tmp_path / "checkout")
    module = checkout / "thelook" / "business" / "purchase_propensity.py"
    assert TRAINING in module.read_text()
    module.write_text(module.read_text().replace(TRAINING, SHUFFLED))
    warehouse = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb", checkout)
    shutil.copy(prod.source, warehouse.source)
    shutil.copy(prod.path, warehouse.path)
    scores_before = scores(warehouse)

    result = warehouse.try_plan("prod")
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, output
    assert "Plan application failed" in output
    gate = GATE_LINE.search(output)
    assert gate, output
    model, baseline = (float(value) for value in gate.groups())
    assert model < baseline
    assert scores(warehouse) == scores_before


def test_the_real_models_pass_their_gates(prod):
    with prod.connect() as con:
        verdicts = con.execute(
            """
            SELECT gate FROM warehouse.marts.propensity_evaluation
            UNION ALL SELECT gate FROM warehouse.marts.cross_sell_evaluation
            UNION ALL SELECT gate FROM warehouse.marts.customer_value_evaluation
            """
        ).fetchall()
    assert {verdict for (verdict,) in verdicts} <= {"no worse than baseline", "too few to tell"}


def scores(warehouse: Warehouse) -> list:
    with warehouse.connect() as con:
        return con.execute(
            "SELECT * FROM warehouse.marts.purchase_propensity ORDER BY user_id"
        ).fetchall()
