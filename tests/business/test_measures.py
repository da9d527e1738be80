"""The shared business terms."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from thelook.business.measures import (
    average_order_value,
    conversion_rate,
    fill_zero,
    net_revenue,
    rate,
    return_rate,
)

money = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(st.lists(st.tuples(money, st.floats(min_value=0, max_value=1)), min_size=1, max_size=50))
def test_net_revenue_is_between_zero_and_gross(rows):
    """Returned revenue is a part of gross revenue, so net revenue never exceeds gross."""
    gross = pd.Series([g for g, _ in rows])
    returned = pd.Series([g * share for g, share in rows])
    net = net_revenue(gross, returned)
    assert (net <= gross).all()
    assert (net >= -1e-9).all()


def test_rate_is_null_where_the_denominator_is_zero():
    result = rate(pd.Series([1, 0, 3]), pd.Series([2, 0, 0]))
    assert result.iloc[0] == 0.5
    assert np.isnan(result.iloc[1]) and np.isnan(result.iloc[2])


def test_conversion_and_return_rates_divide_the_right_way():
    assert conversion_rate(pd.Series([1]), pd.Series([4])).iloc[0] == 0.25
    assert return_rate(pd.Series([1]), pd.Series([4])).iloc[0] == 0.25


def test_fill_zero_fills_and_types_only_the_named_columns():
    frame = pd.DataFrame({"n": [1.0, None], "at": [pd.Timestamp("2024-01-01"), None]})
    filled = fill_zero(frame, {"n": "int64"})
    assert filled["n"].tolist() == [1, 0] and filled["n"].dtype == "int64"
    assert filled["at"].isna().tolist() == [False, True]


def test_average_order_value_is_net_revenue_per_purchased_order():
    value = average_order_value(pd.Series([120.0, 0.0, 5.0]), pd.Series([3, 0, 0]))
    assert value.iloc[0] == 40.0
    assert value.iloc[1:].isna().all()
