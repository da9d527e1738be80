"""What real exports of the live tables show, the generated source shows too: the live products
table wherever it is known, Faker's names with the live email rule, and the text 'null' as a
city."""

import pandas as pd
import pytest

from thelook.source.product_catalogue import read_live_products
from thelook.source.reference import GARMENTS


@pytest.fixture(scope="module")
def products(small) -> pd.DataFrame:
    return small.execute("SELECT * FROM products ORDER BY id").df()


@pytest.fixture(scope="module")
def live() -> pd.DataFrame:
    return read_live_products().sort_values("id", ignore_index=True)


def test_the_shipped_live_table_is_whole(live):
    assert len(live) == live["id"].nunique() == 29_120
    assert live["department"].value_counts().to_dict() == {"Women": 15_989, "Men": 13_131}
    assert live["brand"].isna().sum() == 24
    assert live["distribution_center_id"].notna().sum() == 2_038
    assert live["retail_price"].max() == 999.0


def test_products_equal_the_live_table_where_it_is_known(products, live):
    for column in ("id", "cost", "category", "brand", "retail_price", "department"):
        pd.testing.assert_series_equal(products[column], live[column], check_dtype=False)
    known = live["distribution_center_id"].notna()
    for column in ("name", "distribution_center_id"):
        pd.testing.assert_series_equal(
            products.loc[known, column], live.loc[known, column], check_dtype=False
        )
    assert products["name"].isna().sum() == 2  # the live table's two NULL names, no others


def test_sku_is_the_md5_of_the_id(small):
    rule = (
        "SELECT count(*) FROM products WHERE sku IS DISTINCT FROM upper(md5(CAST(id AS VARCHAR)))"
    )
    assert small.execute(rule).fetchone()[0] == 0


def test_a_brand_ships_from_one_distribution_centre(products):
    brands = products.groupby(products["brand"].fillna(""))["distribution_center_id"]
    assert brands.nunique().max() == 1
    assert set(products["distribution_center_id"]) == set(range(1, 11))


def test_made_up_names_follow_the_live_style(products, live):
    made_up = products[live["distribution_center_id"].isna()]
    possessive = made_up["department"].map({"Men": "Men's", "Women": "Women's"})
    for brand, owner, category, name in zip(
        made_up["brand"], possessive, made_up["category"], made_up["name"], strict=True
    ):
        assert name.startswith(f"{brand} {owner} " if brand else f"{owner} "), name
        assert name.endswith(GARMENTS[category]), (category, name)


def test_emails_are_first_and_last_name_at_an_example_domain(default):
    bad = default.execute(
        """
        SELECT count(*) FROM users
        WHERE email <> lower(first_name || last_name) || '@example.' || split_part(email, '.', -1)
           OR NOT regexp_full_match(email, '[a-z]+@example\\.(com|net|org)')
        """
    ).fetchone()[0]
    assert bad == 0


def test_names_and_emails_repeat_as_rarely_as_live(default):
    emails, first_names, last_names = default.execute(
        "SELECT count(DISTINCT email), count(DISTINCT first_name), count(DISTINCT last_name) "
        "FROM users"
    ).fetchone()
    assert emails == pytest.approx(84_000, rel=0.03)  # a peer's count on the live table
    assert first_names > 466 and last_names > 712  # a 2,127-user export already has these


def test_a_share_of_users_lives_in_a_city_given_as_the_text_null(default):
    share, sql_null = default.execute(
        "SELECT avg((city = 'null')::INT), count(*) FILTER (WHERE city IS NULL) FROM users"
    ).fetchone()
    assert 0.04 <= share <= 0.09
    assert sql_null == 0
