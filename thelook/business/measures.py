"""Business terms that more than one mart uses, each defined once.

Item-level terms (a purchased, returned or kept item, and what each adds to gross revenue,
returned revenue and net profit) are defined in `intermediate.order_items_enriched`; the
terms below are derived from their sums.
"""

import numpy as np
import pandas as pd


def net_revenue(gross_revenue: pd.Series, returned_revenue: pd.Series) -> pd.Series:
    """Revenue that stayed: gross revenue less the revenue of returned items."""
    return gross_revenue - returned_revenue


def rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NULL (NaN) where there is nothing to divide by."""
    denominator = denominator.astype("float64")
    return numerator.astype("float64") / denominator.where(denominator > 0, np.nan)


def conversion_rate(items_sold: pd.Series, viewing_sessions: pd.Series) -> pd.Series:
    """Purchased items per session that viewed the product."""
    return rate(items_sold, viewing_sessions)


def return_rate(items_returned: pd.Series, items_sold: pd.Series) -> pd.Series:
    """Returned items per purchased item."""
    return rate(items_returned, items_sold)


def average_order_value(net_revenue: pd.Series, purchased_orders: pd.Series) -> pd.Series:
    """Net revenue per purchased order; NULL where no order was purchased."""
    return rate(net_revenue, purchased_orders)


def retention_rate(active_customers: pd.Series, customers: pd.Series) -> pd.Series:
    """Of a cohort's customers, the share who placed an order that was not cancelled in a
    month."""
    return rate(active_customers, customers)


def fill_zero(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Counts and money are 0, not NULL, where there was no activity; `columns` maps each to
    its dtype."""
    return frame.assign(
        **{
            name: pd.to_numeric(frame[name]).fillna(0).astype(dtype)
            for name, dtype in columns.items()
        }
    )
