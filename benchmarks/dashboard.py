"""Render time of each dashboard page: the first render (queries run) and a cached one.

Target: every page under 2 s once cached. Reads the warehouse of `make run`
(THELOOK_WAREHOUSE to read another).
Usage: python benchmarks/dashboard.py
"""

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "thelook" / "app"
PAGES = {
    "Overview": APP / "Overview.py",
    "Segments": APP / "pages" / "1_Segments.py",
    "Products": APP / "pages" / "2_Products.py",
    "Cross-sell": APP / "pages" / "3_Cross-sell.py",
    "Models": APP / "pages" / "4_Models.py",
    "Value": APP / "pages" / "5_Value.py",
}
TARGET = 2.0


def render(page: AppTest) -> float:
    started = time.perf_counter()
    page.run()
    if page.exception:
        raise SystemExit(f"{page.exception[0].value}")
    return time.perf_counter() - started


def main() -> None:
    print("| page | first render | cached render | target |")
    print("|---|---:|---:|---|")
    for name, path in PAGES.items():
        page = AppTest.from_file(str(path), default_timeout=300)
        first, cached = render(page), render(page)
        verdict = "met" if cached < TARGET else "MISSED"
        print(f"| {name} | {first:.2f} s | {cached:.2f} s | {verdict} (< {TARGET:g} s cached) |")


if __name__ == "__main__":
    main()
