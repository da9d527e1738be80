"""The product catalogue and the distribution centres: the same on every run, like the live data."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from thelook.source.reference import (
    BRAND_FIRST,
    BRAND_SECOND,
    CATEGORIES,
    GARMENTS,
    STYLE_WORDS,
)
from thelook.source.vocabulary import DEPARTMENTS, EVENT_TYPES

PRODUCTS_PER_DEPARTMENT = {"Men": 13_131, "Women": 15_989}  # 29,120 in all
# The live catalogue is fixed from day to day, so it does not follow the run's seed.
CATALOGUE_SEED = 20_190_101
NAMELESS_PRODUCTS = 2

DISTRIBUTION_CENTERS = pd.DataFrame(
    [
        (1, "Memphis TN", 35.1174, -89.9711),
        (2, "Chicago IL", 41.8369, -87.6847),
        (3, "Houston TX", 29.7604, -95.3698),
        (4, "Los Angeles CA", 34.0500, -118.2500),
        (5, "New Orleans LA", 29.9500, -90.0667),
        (6, "Port Authority of New York/New Jersey NY/NJ", 40.6340, -73.7834),
        (7, "Philadelphia PA", 39.9500, -75.1667),
        (8, "Mobile AL", 30.6944, -88.0431),
        (9, "Charleston SC", 32.7833, -79.9333),
        (10, "Savannah GA", 32.0167, -81.1167),
    ],
    columns=["id", "name", "latitude", "longitude"],
)


def _category_counts(department: str) -> list[tuple[str, int, float]]:
    """Split the department's product count over its categories by largest remainder."""
    names, shares, prices = zip(*CATEGORIES[department], strict=True)
    quotas = np.array(shares) / sum(shares) * PRODUCTS_PER_DEPARTMENT[department]
    counts = np.floor(quotas).astype(int)
    shortfall = PRODUCTS_PER_DEPARTMENT[department] - counts.sum()
    counts[np.argsort(quotas - counts)[::-1][:shortfall]] += 1
    return list(zip(names, counts.tolist(), prices, strict=True))


def build_products() -> pd.DataFrame:
    """29,120 products across both departments and 26 categories, with the live table's columns."""
    rng = np.random.default_rng(CATALOGUE_SEED)
    brands = np.array([f"{first} {second}" for first in BRAND_FIRST for second in BRAND_SECOND])
    parts = []
    for department in PRODUCTS_PER_DEPARTMENT:
        for category, count, median_price in _category_counts(department):
            garments = np.array(GARMENTS[category])
            brand = brands[rng.integers(len(brands), size=count)]
            style = np.array(STYLE_WORDS)[rng.integers(len(STYLE_WORDS), size=count)]
            garment = garments[rng.integers(len(garments), size=count)]
            possessive = "Men's" if department == "Men" else "Women's"
            names = pd.Series(brand) + f" {possessive} " + style + " " + garment
            retail_price = np.round(
                np.clip(median_price * rng.lognormal(0.0, 0.55, size=count), 0.49, 999.0), 2
            )
            parts.append(
                pd.DataFrame(
                    {
                        "category": category,
                        "name": names,
                        "brand": brand,
                        "retail_price": retail_price,
                        # The margin factor leaves sub-cent costs, as in the live table.
                        "cost": retail_price * rng.uniform(0.30, 0.65, size=count),
                        "department": department,
                    }
                )
            )
    products = pd.concat(parts, ignore_index=True)
    products.insert(0, "id", np.arange(1, len(products) + 1, dtype=np.int64))
    products["sku"] = [rng.bytes(16).hex().upper() for _ in range(len(products))]
    products["distribution_center_id"] = rng.integers(1, 11, size=len(products))
    nameless = rng.choice(len(products), size=NAMELESS_PRODUCTS, replace=False)
    products["name"] = products["name"].astype(object)
    products.loc[nameless, "name"] = None
    return products[
        [
            "id",
            "cost",
            "category",
            "name",
            "brand",
            "retail_price",
            "department",
            "sku",
            "distribution_center_id",
        ]
    ]


def department_uris(products: pd.DataFrame) -> pd.Series:
    """The `/department/...` page each product is browsed from, as the live events spell it."""

    def slug(values: pd.Series) -> pd.Series:
        return values.str.lower().str.replace(" ", "", regex=False)

    return (
        "/department/"
        + slug(products["department"])
        + "/category/"
        + slug(products["category"])
        + "/brand/"
        + slug(products["brand"])
    )


FIXED_PAGES = ("/home", "/cart", "/purchase", "/cancel")


@dataclass(frozen=True)
class Catalogue:
    """The products as Arrow, with what sessions need: products per department and page URIs."""

    products: pa.Table
    by_department: tuple[np.ndarray, ...]  # row numbers, indexed like vocabulary.DEPARTMENTS
    pages: pa.Array  # FIXED_PAGES, then each row's /product/<id>, then each row's department page

    @classmethod
    def build(cls) -> "Catalogue":
        products = build_products()
        department = products["department"].to_numpy()
        pages = [
            *FIXED_PAGES,
            *("/product/" + products["id"].astype(str)),
            *department_uris(products),
        ]
        return cls(
            pa.Table.from_pandas(products, preserve_index=False),
            tuple(np.flatnonzero(department == name) for name in DEPARTMENTS),
            pa.array(pages),
        )

    def pick(self, rng: np.random.Generator, department: np.ndarray) -> np.ndarray:
        """A uniformly drawn product row from each given department code."""
        rows = np.empty(len(department), dtype=np.int64)
        for code, candidates in enumerate(self.by_department):
            chosen = department == code
            rows[chosen] = candidates[rng.integers(len(candidates), size=chosen.sum())]
        return rows

    def page_codes(self, event_type: np.ndarray, product_row: np.ndarray) -> np.ndarray:
        """Codes into `pages` for events of the given types about the given products."""
        fixed = {
            name: FIXED_PAGES.index(f"/{name}") for name in ("home", "cart", "purchase", "cancel")
        }
        count = self.products.num_rows
        codes = np.full(len(event_type), -1, dtype=np.int64)
        for name, page in fixed.items():
            codes[event_type == EVENT_TYPES.index(name)] = page
        is_product = event_type == EVENT_TYPES.index("product")
        codes[is_product] = len(FIXED_PAGES) + product_row[is_product]
        is_department = event_type == EVENT_TYPES.index("department")
        codes[is_department] = len(FIXED_PAGES) + count + product_row[is_department]
        return codes
