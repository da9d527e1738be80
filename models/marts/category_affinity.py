"""One row per ordered pair of categories of a department bought by the same customers."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.glue.as_of import as_of
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "department": ("STRING", "Men or Women: both categories belong to it."),
    "category_a": ("STRING", "The category bought first in the rule A -> B (any order in time)."),
    "category_b": ("STRING", "The category the rule recommends."),
    "customers": ("INT64", "Customers of the department: users with an item of it bought."),
    "buyers_a": ("INT64", "Customers who bought category A."),
    "buyers_b": ("INT64", "Customers who bought category B."),
    "buyers_both": ("INT64", "Customers who bought both."),
    "support": ("FLOAT64", "buyers_both / customers."),
    "confidence": ("FLOAT64", "buyers_both / buyers_a: the chance a buyer of A also bought B."),
    "lift": ("FLOAT64", "confidence / (buyers_b / customers); above 1, A's buyers favour B."),
    "as_of": ("DATE", "Purchases counted are those known at the end of this day."),
}

# The pairs and their support, confidence and lift are defined in intermediate.category_pairs;
# this mart shows those known at as_of, the strongest first.
PAIRS = """
SELECT department, category_a, category_b, customers, buyers_a, buyers_b, buyers_both,
       support, confidence, lift
FROM intermediate.category_pairs
WHERE cutoff_date = @as_of
ORDER BY department, lift DESC, category_a, category_b
"""


@model(
    "marts.category_affinity",
    kind="FULL",
    owner="analytics",
    grain=["department", "category_a", "category_b"],
    description="One row per ordered pair of distinct categories (A, B) of the same department "
    "with at least one customer who had bought both by as_of: support, confidence(A -> B) and "
    "lift, over the department's customers, as intermediate.category_pairs defines them.",
    depends_on=["intermediate.as_of", "intermediate.category_pairs"],
    **declared(COLUMNS),
    audits=[
        *unique_key("department", "category_a", "category_b"),
        one_of("department", ("Men", "Women")),
        at_least("buyers_both", 1),
        *(between(column, 0, 1) for column in ("support", "confidence")),
        at_least("lift", 0),
        always(
            "category_a <> category_b",
            "buyers_both <= LEAST(buyers_a, buyers_b)",
            "GREATEST(buyers_a, buyers_b) <= customers",
        ),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    day = as_of(context)
    affinity = fetch(context, PAIRS, as_of=day)
    if affinity.empty:  # SQLMesh cannot store an empty frame; yielding nothing means no rows
        yield from ()
        return
    affinity["as_of"] = day
    yield affinity[list(COLUMNS)]
