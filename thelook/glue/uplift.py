"""campaign_uplift: the assumed relative rise in buying a cross-sell campaign causes.

The SQLMesh variable `campaign_uplift`, read in config.yaml from THELOOK_CAMPAIGN_UPLIFT
(default 0.10, a 10% rise). It is an assumption until a holdout measures it.
"""

import os
from typing import Any

VARIABLE = "THELOOK_CAMPAIGN_UPLIFT"


class UpliftError(ValueError):
    """THELOOK_CAMPAIGN_UPLIFT cannot be used: the message says why and what to set."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def parse_uplift(text: str) -> float:
    """The uplift as a fraction: more than 0 and at most 1 (a doubling)."""
    try:
        uplift = float(text)
    except (TypeError, ValueError):
        uplift = float("nan")
    if not 0 < uplift <= 1:
        raise UpliftError(
            f"{VARIABLE}={text!r} is not a relative uplift: set a fraction above 0 and at "
            "most 1, e.g. 0.10 for a 10% rise in buying, or unset it for the default 0.10."
        )
    return uplift


def campaign_uplift(context: Any) -> float:
    """The uplift for a Python model, from its execution context."""
    return parse_uplift(context.var("campaign_uplift"))


def check_campaign_uplift() -> None:
    """Refuse a bad THELOOK_CAMPAIGN_UPLIFT as the project loads, in SQLMesh's one line."""
    from sqlmesh.utils.errors import ConfigError

    text = os.environ.get(VARIABLE)
    if text is None:
        return
    try:
        parse_uplift(text)
    except UpliftError as error:
        raise ConfigError(str(error)) from None
