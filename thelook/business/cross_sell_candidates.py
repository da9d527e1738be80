"""cross_sell_candidates: products a registered user viewed and never bought."""

import pandas as pd

PAIR = ["user_id", "product_id"]


def cross_sell_candidates(
    viewed: pd.DataFrame, purchased: pd.DataFrame, products: pd.DataFrame
) -> pd.DataFrame:
    """Pairs in `viewed` (one row per registered user and product viewed) that are not in
    `purchased` (user and product pairs with a purchased item), described from `products`
    (one row per product, with its conversion_rate). The expected value of the missed sale is
    the retail price times the chance that a viewing session buys the product."""
    bought = viewed.merge(purchased[PAIR].drop_duplicates(), on=PAIR, how="left", indicator=True)
    candidates = bought.loc[bought.pop("_merge") == "left_only"]
    candidates = candidates.merge(products, on="product_id", how="inner", validate="many_to_one")
    candidates = candidates.rename(columns={"conversion_rate": "product_conversion_rate"})
    candidates["estimated_lost_revenue"] = (
        candidates["retail_price"] * candidates["product_conversion_rate"]
    )
    return candidates.reset_index(drop=True)
