"""The dashboard served by Streamlit, opened page by page in a real browser (Debian's Chromium
driven by Playwright), while a plan rebuilds the warehouse underneath it."""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, sync_playwright

from thelook.app.server import streamlit_command

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# Page: (its path in the app, how many charts it draws at least).
PAGES = {
    "Overview": ("", 1),
    "Segments": ("Segments", 4),
    "Products": ("Products", 2),
    "Cross-sell": ("Cross-sell", 2),
    "Models": ("Models", 1),
    "Value": ("Value", 4),
    "Review": ("Review", 0),
    "Campaigns": ("Campaigns", 1),
    "History": ("History", 3),
}
CHARTS = '[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(shop):
    """The app on a free local port, over the shop's warehouse, served as `thelook dashboard`
    serves it; stopped, with anything it started, whatever happens."""
    yield from serve(shop, "prod")


@pytest.fixture(scope="module")
def served_dev(reviewed):
    """The app serving the environment `dev` of a change to review."""
    yield from serve(reviewed, "dev")


def serve(shop, environment: str):
    port = free_port()
    env = {**shop.env, "THELOOK_DASHBOARD_ENV": environment}
    server = subprocess.Popen(
        streamlit_command(port=port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the dashboard did not start") from None
                time.sleep(0.5)
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(page: Page, url: str, title: str, charts: int, screenshots: Path) -> None:
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=120_000)
    page.wait_for_function(
        f"document.querySelectorAll('{CHARTS}').length >= {charts}", timeout=120_000
    )
    page.wait_for_timeout(500)  # let the last elements settle before judging the page
    assert page.locator('[data-testid="stException"]').count() == 0, title
    assert "Traceback" not in page.content(), title
    page.screenshot(path=str(screenshots / f"{title}.png"), full_page=True)


def test_every_page_in_a_real_browser(served, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for title, (path, charts) in PAGES.items():
        open_page(page, f"{served}/{path}", title, charts, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == len(PAGES)


def test_the_campaigns_page_downloads_an_audience(served, browser, shop, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_page(page, f"{served}/Campaigns", "Campaigns", 1, tmp_path)
    button = page.get_by_role("button", name="Download the list")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    lines = saved.read_text().splitlines()
    assert lines[0] == "user_id,assigned_group,department,category"
    with shop.connect() as con:
        (first,) = con.execute(
            "SELECT MIN(campaign) FROM warehouse.marts.campaign_plans"
        ).fetchone()
        (customers,) = con.execute(
            "SELECT COUNT(*) FROM warehouse.marts.campaign_audiences WHERE campaign = ?", [first]
        ).fetchone()
    assert saved.name == f"{first}.csv"
    assert len(lines) == customers + 1


def test_a_plan_runs_while_the_dashboard_is_open(served, browser, shop, tmp_path):
    page = browser.new_page()
    open_page(page, served, "Overview", 1, tmp_path)
    # A plan rewrites a mart the page reads (restated: rebuilt from the source) while it is open.
    result = shop.try_plan("prod", "--restate-model", "marts.monthly_sales")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Executing model batches" in output
    page.reload()
    open_page(page, served, "Overview", 1, tmp_path)
    assert page.get_by_text("Customers").count() > 0
    assert os.path.getsize(tmp_path / "Overview.png") > 0


def test_the_review_of_a_dev_environment_in_a_real_browser(served_dev, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_page(page, f"{served_dev}/Review", "Review", 1, tmp_path)
    assert page.get_by_text("change segment").count() > 0
    page.get_by_role("button", name="Show them").click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=120_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_slipping_list_downloads_as_csv(served, browser, shop, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_page(page, f"{served}/Segments", "Segments", 4, tmp_path)
    with page.expect_download(timeout=60_000) as downloading:
        page.get_by_text("Download the list (CSV)").click()
    path = tmp_path / "slipping.csv"
    downloading.value.save_as(path)
    listed = pd.read_csv(path)
    with shop.connect() as con:
        expected = con.execute(
            "SELECT user_id, segment FROM warehouse.marts.slipping_customers ORDER BY priority"
        ).df()
    # The user id and what a campaign needs, and nothing else about the person.
    assert list(listed.columns) == ["user_id", "segment", "predicted_net_revenue", "offers"]
    assert listed["user_id"].tolist() == expected["user_id"].tolist()
    assert listed["segment"].tolist() == expected["segment"].tolist()
