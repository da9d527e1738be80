"""The product catalogue and the distribution centres: the same on every run, like the live data."""

import hashlib
from dataclasses import dataclass
from importlib.resources import files

import numpy as np
import pandas as pd
import pyarrow as pa

from thelook.source.reference import GARMENTS, STYLE_WORDS
from thelook.source.vocabulary import DEPARTMENTS, EVENT_TYPES

# The live products table: id, cost, category, brand, retail_price and department for all 29,120
# products; name and distribution_center_id where the live table's are known (2,038 rows, where
# an empty name is a real NULL). An empty brand is a real NULL (24 rows).
LIVE_PRODUCTS = files("thelook.source") / "data" / "thelook-products.csv.gz"
# The live catalogue is fixed from day to day, so what is made up for it ignores the run's seed.
CATALOGUE_SEED = 20_190_101
PRODUCT_COLUMNS = [
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


def read_live_products() -> pd.DataFrame:
    """The shipped live products table, with its NULLs as None (name NULL where unknown)."""
    with LIVE_PRODUCTS.open("rb") as file:
        live = pd.read_csv(
            file,
            compression="gzip",
            dtype={"category": str, "name": str, "brand": str, "department": str},
            keep_default_na=False,
            na_values={"distribution_center_id": [""]},
        )
    for column in ("name", "brand"):
        live[column] = live[column].replace("", None)
    return live


def build_products() -> pd.DataFrame:
    """The live products table, completed where it is unknown: a name in the live style
    ("<Brand> Women's <style> <garment>") and the distribution centre that ships the brand's
    other products (a brand ships from one centre) or, for a brand with none known, one drawn
    for the brand. sku is the live rule, UPPER(MD5(CAST(id AS STRING)))."""
    rng = np.random.default_rng(CATALOGUE_SEED)
    products = read_live_products()
    known = products["distribution_center_id"].notna()
    unknown = products.loc[~known]
    products.loc[~known, "name"] = _made_up_names(rng, unknown)
    products["distribution_center_id"] = _distribution_centres(rng, products, known)
    products["sku"] = [hashlib.md5(str(i).encode()).hexdigest().upper() for i in products["id"]]
    return products[PRODUCT_COLUMNS]


def _made_up_names(rng: np.random.Generator, products: pd.DataFrame) -> pd.Series:
    style = np.array(STYLE_WORDS)[rng.integers(len(STYLE_WORDS), size=len(products))]
    garment = [
        GARMENTS[category][i % len(GARMENTS[category])]
        for category, i in zip(
            products["category"], rng.integers(1_000_000, size=len(products)), strict=True
        )
    ]
    possessive = np.where(products["department"] == "Men", "Men's", "Women's")
    brand = products["brand"].fillna("").to_numpy(dtype=object)
    names = pd.Series(brand + " " + possessive + " " + style + " " + garment, index=products.index)
    return names.str.strip()


def _distribution_centres(
    rng: np.random.Generator, products: pd.DataFrame, known: pd.Series
) -> pd.Series:
    brand = products["brand"].fillna("")  # the NULL brand ships from one centre too
    by_brand = products.loc[known].groupby(brand[known])["distribution_center_id"].first()
    unseen = sorted(set(brand) - set(by_brand.index))
    drawn = pd.Series(rng.integers(1, len(DISTRIBUTION_CENTERS) + 1, size=len(unseen)), unseen)
    centre = brand.map(pd.concat([by_brand, drawn]))
    return products["distribution_center_id"].fillna(centre).astype(np.int64)


def department_uris(products: pd.DataFrame) -> pd.Series:
    """The `/department/...` page each product is browsed from, as the live events spell it."""

    def slug(values: pd.Series) -> pd.Series:
        # A product with a NULL brand is browsed from a page with an empty brand.
        return values.fillna("").str.lower().str.replace(" ", "", regex=False)

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
