"""The front door stays a front door: the README reads in ten minutes, every relative link in it
and in the docs leads somewhere that exists, down to the heading, and every folder, file, model
and column they name exists."""

import re
from pathlib import Path

import pytest
from sqlmesh import Context

from tests.project.conftest import MODELS, PROJECT
from thelook.app.model_catalogue import load_project

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


# What a page names in code: `inline` spans and fenced blocks.
CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
# A repository path: one of the project's folders and what follows it (a glob or a
# placeholder ends it), or a file named on its own.
PATH_IN_CODE = re.compile(
    r"(?<![\w/.$-])((?:thelook|tests|models|macros|audits|benchmarks|scripts|docs|linter|"
    r"\.github|\.ci)/[\w/.-]*\w/?)"
)
FILE_IN_CODE = re.compile(r"^[\w-]+\.(?:py|sql|yaml|md|txt)$")
REPOSITORY_FILES = {
    path.name
    for path in PROJECT.rglob("*")
    if not {".git", ".venv", "data", "logs", ".cache"} & set(path.relative_to(PROJECT).parts)
}
# A model of the project, schema.name, and perhaps one of its columns.
MODEL_IN_CODE = re.compile(r"(?<![\w.-])((?:staging|intermediate|marts)\.\w+)(?:\.(\w+))?")
# A table row about one model: its first cell names it.
MODEL_ROW = re.compile(r"^\| `((?:staging|intermediate|marts)\.\w+)` \|(.*)$", re.MULTILINE)
SNAKE_CASE = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")


def code(page: Path) -> list[str]:
    return CODE.findall(page.read_text())


@pytest.fixture(scope="module")
def project() -> Context:
    return load_project(PROJECT)


@pytest.fixture(scope="module")
def columns(project) -> dict[str, set[str]]:
    """Every model's columns, by schema.name."""
    return {
        model.name: set(model.columns_to_types)
        for model in project.models.values()
        if not model.kind.is_external
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_file_a_page_names_exists(page):
    missing = [
        path
        for span in code(page)
        for path in PATH_IN_CODE.findall(span)
        if not (PROJECT / path).exists() and not (page.parent / path).exists()
    ]
    missing += [
        span.strip("`")
        for span in code(page)
        if FILE_IN_CODE.match(span.strip("`")) and span.strip("`") not in REPOSITORY_FILES
    ]
    assert missing == []


def test_every_folder_of_the_readme_map_exists():
    """The README's folder tree: each entry, under the folders it is drawn in, exists."""
    tree = re.search(r"## The folders\n\n```\n(.*?)```", (PROJECT / "README.md").read_text(), re.S)
    parents: list[str] = []
    missing = []
    for line in tree[1].splitlines()[1:]:
        entry = re.match(r"^((?:[│ ]   )*)[├└]── (\S+)", line)
        if not entry:
            continue
        depth = len(entry[1]) // 4
        parents = [*parents[:depth], entry[2].rstrip("/")]
        if not (PROJECT.joinpath(*parents)).exists():
            missing.append("/".join(parents))
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_model_and_column_a_page_names_exists(page, columns):
    """`schema.name` is a model, `schema.name.column` one of its columns; in a table row about a
    model, a backticked snake_case name is one of its columns, or another model."""
    names = {name.split(".")[1] for name in MODELS}
    missing = []
    for span in code(page):
        for model, column in MODEL_IN_CODE.findall(span):
            if model not in MODELS:
                missing.append(model)
            elif column and column not in columns[model]:
                missing.append(f"{model}.{column}")
    for model, cells in MODEL_ROW.findall(page.read_text()):
        for name in SNAKE_CASE.findall(cells):
            if model in columns and name not in columns[model] and name not in names:
                missing.append(f"{model}: {name}")
    assert missing == []
