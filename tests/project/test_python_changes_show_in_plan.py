"""Editing a mart's business function in `thelook` is a change to the mart in `sqlmesh plan`."""

import shutil

from tests.project.conftest import Warehouse, copy_project


def test_editing_a_business_function_modifies_its_marts(prod, tmp_path):
    checkout = copy_project(tmp_path / "checkout")
    metrics = checkout / "thelook" / "business" / "measures.py"
    original = "return rate(items_returned, items_sold)"
    assert original in metrics.read_text()
    metrics.write_text(
        metrics.read_text().replace(
            original, "return rate(numerator=items_returned, denominator=items_sold)"
        )
    )
    warehouse = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb", checkout)
    shutil.copy(prod.source, warehouse.source)
    shutil.copy(prod.path, warehouse.path)

    result = warehouse.sqlmesh("plan", "dev", "--auto-apply", "--no-prompts")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "+    return rate(numerator=items_returned, denominator=items_sold)" in output
    assert "Directly Modified: marts__dev.product_performance (Breaking)" in output
    assert "marts__dev.cross_sell_candidates (Indirect Breaking)" in output
    assert "customer_metrics" not in output
