"""category_affinity: which categories a category's buyers also buy."""

import pandas as pd

from thelook.marts.metrics import rate


def category_affinity(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per ordered pair of `pairs` (department, category_a, category_b, customers,
    buyers_a, buyers_b, buyers_both; customers are the department's buyers), with
    support = both / customers, confidence(A -> B) = both / buyers of A and
    lift = confidence / (buyers of B / customers): how much more likely a buyer of A is to buy
    B than a customer of the department is."""
    affinity = pairs.copy()
    affinity["support"] = rate(affinity["buyers_both"], affinity["customers"])
    affinity["confidence"] = rate(affinity["buyers_both"], affinity["buyers_a"])
    affinity["lift"] = rate(
        affinity["confidence"], rate(affinity["buyers_b"], affinity["customers"])
    )
    return affinity.sort_values(
        ["department", "lift", "category_a", "category_b"],
        ascending=[True, False, True, True],
        ignore_index=True,
    )
