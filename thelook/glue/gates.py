"""A scoring model's quality gate in its evaluation mart: the columns and the audits."""

from sqlglot import exp

from thelook.business.quality_gate import NO_WORSE, TOO_FEW, VERDICTS, WORSE
from thelook.glue.audits import Audit, one_of
from thelook.glue.columns import Columns


def gate_columns(metric: str, baseline: str, method: str) -> Columns:
    """The gate's columns, described for a model judged on `metric` against `baseline`, with the
    bound computed by `method`."""
    return {
        "gate_metric": ("STRING", f"The metric the quality gate compares: {metric}."),
        "gate_value": ("FLOAT64", "The model's value of it."),
        "gate_baseline": ("FLOAT64", f"The value of {baseline}."),
        "gate_difference_upper_bound": (
            "FLOAT64",
            f"One-sided 95% upper bound of the model's value less the baseline's ({method}); "
            "below minus gate_margin, the model is worse beyond noise.",
        ),
        "gate_margin": (
            "FLOAT64",
            "How much of the metric the model may lose to the baseline before it is called worse.",
        ),
        "gate": (
            "STRING",
            f"'{NO_WORSE}'; '{WORSE}', so that the build serves the baseline's scores, and a "
            f"warning says so; or '{TOO_FEW}', a warning, and the model serves.",
        ),
    }


def gate_audits() -> list[Audit]:
    """Warnings, which the alert targets hear as audit failures, when the model is worse than
    its baseline beyond noise (the baseline is elected) and when the rows are too few to tell."""
    return [
        one_of("gate", VERDICTS),
        ("baseline_elected", {"verdict": exp.Literal.string(WORSE)}),
        ("enough_to_judge", {"verdict": exp.Literal.string(TOO_FEW)}),
    ]
