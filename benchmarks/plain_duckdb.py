"""The reference the build is measured against: plain DuckDB SQL computing the three original
marts from the raw tables (the end-to-end test's independent SQL), in one process with the
local gateway's memory cap.

Usage: python benchmarks/plain_duckdb.py SOURCE AS_OF OUT   (run from the project root)
"""

import os
import sys

import duckdb

from tests.project.test_end_to_end import EXPECTED

MARTS = ("customer_metrics", "product_performance", "cross_sell_candidates")


def main() -> None:
    source, as_of, out = sys.argv[1:]
    con = duckdb.connect(out)
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET memory_limit = '{os.environ.get('THELOOK_DUCKDB_MEMORY', '8GB')}'")
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    for mart in MARTS:
        con.execute(f"CREATE TABLE {mart} AS {EXPECTED[mart].replace('@as_of', as_of)}")


if __name__ == "__main__":
    main()
