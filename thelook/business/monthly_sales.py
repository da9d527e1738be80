"""monthly_sales: what each category sold, and earned, month by month."""

import pandas as pd

from thelook.business.measures import net_revenue, return_rate


def monthly_sales(sales: pd.DataFrame) -> pd.DataFrame:
    """Per month and category (month, department, category, items_sold, items_returned,
    gross_revenue, returned_revenue), with net revenue and the return rate as defined once."""
    monthly = sales.copy()
    monthly["net_revenue"] = net_revenue(monthly["gross_revenue"], monthly["returned_revenue"])
    monthly["return_rate"] = return_rate(monthly["items_returned"], monthly["items_sold"])
    return monthly.sort_values(["month", "department", "category"], ignore_index=True)
