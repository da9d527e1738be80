"""The dashboard over a copy of prod built from the small generated source."""

import shutil
from pathlib import Path

import pytest

from tests.project.conftest import Warehouse
from thelook.app import data

APP = Path(data.__file__).parent
PAGES = {
    "Overview": APP / "Overview.py",
    "Segments": APP / "pages" / "1_Segments.py",
    "Products": APP / "pages" / "2_Products.py",
    "Cross-sell": APP / "pages" / "3_Cross-sell.py",
    "Models": APP / "pages" / "4_Models.py",
    "Value": APP / "pages" / "5_Value.py",
    "Review": APP / "pages" / "8_Review.py",
    "Campaigns": APP / "pages" / "7_Campaigns.py",
    "History": APP / "pages" / "6_History.py",
}


@pytest.fixture(scope="session")
def shop(prod: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """A copy of prod's warehouse for the dashboard to read, and plans to rebuild."""
    folder = tmp_path_factory.mktemp("dashboard")
    copy = Warehouse(prod.source, folder / "warehouse.duckdb")
    shutil.copy(prod.path, copy.path)
    return copy


@pytest.fixture(scope="session")
def reviewed(prod: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """A copy of prod with a segment threshold moved, planned as `dev`: a change to review."""
    from tests.project.test_review_matrix import THRESHOLD, planted

    return planted(
        tmp_path_factory.mktemp("reviewed"), prod, "thelook/business/segment_grid.py", *THRESHOLD
    )


@pytest.fixture
def reading(shop: Warehouse, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """The dashboard's settings pointed at `shop`, prod environment, local gateway."""
    monkeypatch.setenv("THELOOK_WAREHOUSE", str(shop.path))
    monkeypatch.setenv("THELOOK_SOURCE", str(shop.source))
    monkeypatch.delenv(data.ENVIRONMENT, raising=False)
    monkeypatch.delenv(data.GATEWAY, raising=False)
    data.source.cache_clear()
    yield shop
    data.source.cache_clear()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test renders from empty caches: Streamlit keeps st.cache_data and st.cache_resource
    for the process, and a page another test loaded must not answer for this one."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
