"""The dev loop end to end: a change is built once in `dev`, reviewed against prod, promoted
without a rebuild, and cleaned up; a change that alters no value is reviewed as changing none."""

import re
import shutil

import pytest
from sqlmesh import Context

from tests.project.conftest import MODELS, Warehouse, copy_project
from thelook.review import review

ENGAGEMENT_LINE = (
    "  COUNT(DISTINCT IF(DATE(event_at) >= @engagement_window_start(), session_id, NULL)) "
    "AS engagement_sessions /* Distinct sessions with an event on or after as_of minus the "
    "engagement window (ENGAGEMENT_WINDOW_DAYS in thelook/business/segment_grid.py; UTC dates). */"
)
ADDED_COLUMN = (
    ENGAGEMENT_LINE,
    ENGAGEMENT_LINE.replace("AS engagement_sessions /*", "AS engagement_sessions, /*")
    + "\n  COUNT(DISTINCT DATE(event_at)) AS active_days /* Days with at least one event. */",
)
CHANGED_FILTER = (
    "  NOT viewed_product_id IS NULL\n",
    "  NOT viewed_product_id IS NULL AND NOT user_id IS NULL\n",
)
# The same test in other words: offer_scores and the marts below it are rebuilt, equal.
EQUIVALENT_REWRITE = (
    "return [fetch(context, OFFER_ROWS, cutoff=cutoff)]",
    "return list((fetch(context, OFFER_ROWS, cutoff=cutoff),))",
)


class Checkout(Warehouse):
    """A changed copy of the project over copies of prod's source and warehouse."""

    def __init__(self, root, prod: Warehouse) -> None:
        super().__init__(
            root / "source.duckdb", root / "warehouse.duckdb", copy_project(root / "checkout")
        )
        shutil.copy(prod.source, self.source)
        shutil.copy(prod.path, self.path)

    def edit(self, model: str, old: str, new: str) -> None:
        path = next((self.project / "models").glob(f"{model}.*"))
        assert old in path.read_text(), model
        path.write_text(path.read_text().replace(old, new))

    def edit_test(self, test: str, old: str, new: str) -> None:
        path = self.project / "tests" / "models" / f"{test}.yaml"
        assert old in path.read_text(), test
        path.write_text(path.read_text().replace(old, new))

    def physical_tables(self, environment: str) -> dict[str, str]:
        """Each model's view in the environment, and the physical table it selects from."""
        suffix = "" if environment == "prod" else f"__{environment}"
        rows = (
            self.connect()
            .execute(
                "SELECT schema_name, view_name, sql FROM duckdb_views() WHERE database_name = "
                "'warehouse' AND schema_name IN (?, ?, ?)",
                [f"staging{suffix}", f"intermediate{suffix}", f"marts{suffix}"],
            )
            .fetchall()
        )
        return {
            f"{schema.removesuffix(suffix)}.{view}": re.search(r"sqlmesh__\w+\.(\w+)", sql)[1]
            for schema, view, sql in rows
        }

    def context(self) -> Context:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in self.env.items():
                patch.setenv(name, value)
            return Context(paths=self.project)


@pytest.fixture(scope="module")
def checkout(prod, tmp_path_factory) -> Checkout:
    return Checkout(tmp_path_factory.mktemp("dev-loop"), prod)


def test_dev_loop(checkout: Checkout):
    prod_tables = checkout.physical_tables("prod")
    assert set(prod_tables) == MODELS

    # 1. An added column is non-breaking: only the model itself is rebuilt.
    checkout.edit("intermediate/user_events", *ADDED_COLUMN)
    checkout.edit_test(
        "test_user_events", "products_viewed: 2,", "products_viewed: 2, active_days: 2,"
    )
    checkout.edit_test(
        "test_user_events", "products_viewed: 1,", "products_viewed: 1, active_days: 1,"
    )
    output = checkout.plan("dev")
    assert "Directly Modified: intermediate__dev.user_events (Non-breaking)" in output
    dev_tables = checkout.physical_tables("dev")
    rebuilt = {model for model, table in dev_tables.items() if table != prod_tables[model]}
    assert rebuilt == {"intermediate.user_events"}

    # 2. A changed filter is breaking: the model and every descendant are rebuilt.
    checkout.edit("intermediate/event_product_views", *CHANGED_FILTER)
    anonymous_row = (
        "        - {session_id: a1, product_id: 20, user_id: null, view_count: 1, "
        "first_viewed_at: '2024-05-10 10:00:00', last_viewed_at: '2024-05-10 10:00:00'}\n"
    )
    checkout.edit_test("test_event_product_views", anonymous_row, "")
    output = checkout.plan("dev")
    assert "Directly Modified: intermediate__dev.event_product_views (Breaking)" in output
    dev_tables = checkout.physical_tables("dev")
    rebuilt = {model for model, table in dev_tables.items() if table != prod_tables[model]}
    assert rebuilt == {
        "intermediate.user_events",
        "intermediate.event_product_views",
        "marts.product_performance",
        "marts.cross_sell_candidates",
    }

    # 3. table_diff against prod needs no --on: every mart declares its grain.
    output = checkout.run("table_diff", "prod:dev", "marts.product_performance")
    assert "Schema Diff Between 'PROD' and 'DEV'" in output and "Row Counts" in output

    with checkout.connect() as con:
        products_seen_anonymously = con.execute(
            "SELECT count(DISTINCT uri) FROM src.thelook_ecommerce.events "
            "WHERE user_id IS NULL AND event_type = 'product'"
        ).fetchone()[0]
    context = checkout.context()
    (products,) = context.table_diff(
        "prod", "dev", select_models={"marts.product_performance"}, show=False
    )
    rows = products.row_diff()
    assert (rows.s_only_count, rows.t_only_count) == (0, 0)
    assert rows.partial_match_count == products_seen_anonymously
    match = rows.column_stats["pct_match"]
    assert match["product_name"] == 100 and match["items_sold"] == 100
    assert match["total_views"] < 100 and match["viewing_sessions"] < 100

    report = review(context, "dev")
    for expected in (
        "# Review of `dev` against `prod`",
        "| `intermediate.event_product_views` | Breaking: the model and its descendants are rebuilt |",
        "| `intermediate.user_events` | Non-breaking: only the model is rebuilt |",
        "+  NOT viewed_product_id IS NULL AND NOT user_id IS NULL",
        "## Data: `marts.product_performance`",
        f"| in both, changed | {products_seen_anonymously:,} |",
        "| only in `prod` | 0 |",
        "## Data: `marts.cross_sell_candidates`",
        "Changed rows, first 5:",
    ):
        assert expected in report, expected

    context.close()  # release the warehouse file for the commands below

    # 4. Promoting to prod swaps views and rebuilds nothing.
    output = checkout.plan("prod")
    assert "Models needing backfill" not in output
    assert "Executing model batches" not in output
    assert checkout.physical_tables("prod") == {**prod_tables, **dev_tables}

    # 5. Invalidating dev and running the janitor removes it.
    checkout.run("invalidate", "dev")
    checkout.run("janitor")
    assert checkout.physical_tables("dev") == {}
    assert "dev" not in checkout.run("environments")

    # 6. A change that alters no value: every rebuilt mart's rows are matched, none changed,
    # though offer_scores' grain holds floats and NULLs.
    checkout.edit("marts/offer_scores", *EQUIVALENT_REWRITE)
    output = checkout.plan("same")
    assert "Directly Modified: marts__same.offer_scores (Breaking)" in output
    context = checkout.context()
    report = review(context, "same")
    context.close()
    sections = re.findall(r"^## Data: `(marts\.\w+)`\n(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert {mart for mart, _ in sections} >= {
        "marts.offer_scores",
        "marts.cross_sell_opportunities",
    }
    with checkout.connect() as con:
        for mart, section in sections:
            (rows,) = con.execute(f"SELECT count(*) FROM warehouse.{mart}").fetchone()
            for line in ("only in `prod` | 0", "only in `same` | 0", "in both, changed | 0"):
                assert f"| {line} |" in section, (mart, section)
            assert f"| in both, identical | {rows:,} |" in section, (mart, section)
