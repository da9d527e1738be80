"""`thelook campaign export`: a campaign's list as CSV, the user id, group and offer only."""

import csv

from thelook.cli import main

COLUMNS = ["user_id", "assigned_group", "department", "category"]


def test_a_campaign_exports_its_customers_and_groups(reading, tmp_path, capsys):
    out = tmp_path / "lists" / "jeans.csv"
    assert main(["campaign", "export", "jeans-for-lapsing-men", "--out", str(out)]) == 0
    with out.open() as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == COLUMNS  # nothing else about the customer leaves
    assert {row["assigned_group"] for row in rows} == {"treatment", "holdout"}
    assert {(row["department"], row["category"]) for row in rows} == {("Men", "Jeans")}
    audience = reading.connect().execute(
        "SELECT COUNT(*) FROM warehouse.marts.campaign_audiences "
        "WHERE campaign = 'jeans-for-lapsing-men'"
    )
    assert len(rows) == audience.fetchone()[0]
    assert f"wrote {len(rows):,} customers of jeans-for-lapsing-men" in capsys.readouterr().out


def test_an_unknown_campaign_is_one_line(reading, tmp_path, capsys):
    assert main(["campaign", "export", "winter-coats", "--out", str(tmp_path / "x.csv")]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1
    assert error[0].startswith("thelook campaign export: no customers of a campaign named")
    assert not (tmp_path / "x.csv").exists()
