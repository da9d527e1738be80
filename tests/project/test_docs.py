"""The front door stays a front door: the README reads in ten minutes, and every relative link in
it and in the docs leads somewhere that exists, down to the heading."""

import re
from pathlib import Path

import pytest

from tests.project.conftest import PROJECT

PAGES = [
    PROJECT / "README.md",
    PROJECT / "benchmarks" / "README.md",
    *(PROJECT / "docs").glob("*.md"),
]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings."""
    headings = re.findall(r"^#+ (.*)$", page.read_text(), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_readme_is_short():
    assert len((PROJECT / "README.md").read_text().splitlines()) <= 250


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_relative_link_resolves(page):
    broken = []
    for link in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists() or (anchor and anchor not in anchors(target)):
            broken.append(link)
    assert broken == []


PATH_IN_TEXT = re.compile(r"`((?:thelook|tests|models|macros|audits|benchmarks|scripts)/[\w/.-]+)`")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_file_a_page_names_exists(page):
    missing = [
        path for path in PATH_IN_TEXT.findall(page.read_text()) if not (PROJECT / path).exists()
    ]
    assert missing == []
