"""Write the seven theLook tables into a DuckDB file, block by block, then move it into place."""

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from thelook.source.activity import NextIds, generate_activity
from thelook.source.anonymous import anonymous_events
from thelook.source.arrays import joined
from thelook.source.browsing import Categories
from thelook.source.product_catalogue import DISTRIBUTION_CENTERS, Catalogue
from thelook.source.schema import DATASET, TABLES, create_table_sql
from thelook.source.users import Places, generate_users
from thelook.source.vocabulary import ANONYMOUS_SESSIONS_PER_USER

# Users are generated in blocks of this size, each from its own child seed, which bounds memory
# at any scale; it is fixed so that a seed gives the same rows however the work is scheduled.
BLOCK_USERS = 50_000
WRITE_MEMORY = "1GB"


def generate(
    out: Path,
    users: int,
    seed: int,
    as_of: date,
    on_block: Callable[[int, int], None] = lambda done, total: None,
    browsing: bool = False,
) -> None:
    """Generate `users` users and everything they and anonymous visitors did until `as_of`
    (midnight UTC). `browsing` plants the behaviour of `thelook.source.browsing`. The file at
    `out` is replaced only once the new one is complete."""
    blocks = -(-users // BLOCK_USERS)
    on_block(0, blocks)
    now = np.datetime64(as_of.isoformat(), "us")
    catalogue, places = Catalogue.build(), Places.build()
    categories = Categories.build(catalogue) if browsing else None
    block_seeds = np.random.SeedSequence(seed).spawn(blocks)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(partial)) as con:
            # Uncapped, DuckDB holds written blocks up to 80% of the machine (the generator
            # peaked at 2.06 GiB for 1,000,000 users, 13.2 GiB for 10,000,000); blocks are
            # appended and never read back, and with 1 GB the 1,000,000 peak is 1.65 GiB.
            con.execute(f"SET memory_limit = '{WRITE_MEMORY}'")
            con.execute(f"CREATE SCHEMA {DATASET}")
            for table in TABLES:
                con.execute(create_table_sql(table))
            _append(con, "products", catalogue.products)
            _append(con, "distribution_centers", _distribution_centers())
            next_ids = NextIds()
            for block, block_seed in enumerate(block_seeds):
                rng = np.random.default_rng(block_seed)
                first_user = block * BLOCK_USERS + 1
                size = min(BLOCK_USERS, users - block * BLOCK_USERS)
                user_block = generate_users(rng, first_user, size, now, places)
                activity = generate_activity(
                    rng, user_block, now, catalogue, places, next_ids, categories
                )
                anonymous = anonymous_events(
                    rng, size * ANONYMOUS_SESSIONS_PER_USER, now, catalogue, places, next_ids.event
                )
                next_ids.event += anonymous.num_rows
                _append(con, "users", user_block.table)
                _append(con, "orders", activity.orders)
                _append(con, "order_items", activity.order_items)
                _append(con, "inventory_items", activity.inventory_items)
                _append(con, "events", activity.events)
                _append(con, "events", anonymous)
                on_block(block + 1, blocks)
            con.execute("CHECKPOINT")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}.wal").unlink(missing_ok=True)


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    columns = list(TABLES[table])
    con.register("incoming", rows.select(columns))
    con.execute(f"INSERT INTO {DATASET}.{table} SELECT * FROM incoming")
    con.unregister("incoming")


def _distribution_centers() -> pa.Table:
    centers = pa.Table.from_pandas(DISTRIBUTION_CENTERS, preserve_index=False)
    geom = joined("POINT(", centers["longitude"], " ", centers["latitude"], ")")
    return centers.append_column("distribution_center_geom", geom)
