"""What registered users do: orders, their items, the sessions that bought them, the stock sold."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from thelook.source import browsing as planted
from thelook.source import vocabulary as v
from thelook.source.arrays import (
    MICROS_PER_DAY,
    MICROS_PER_SECOND,
    cumulative_within,
    draw,
    labels,
    positions,
    timestamps,
)
from thelook.source.product_catalogue import Catalogue
from thelook.source.sessions import session_events
from thelook.source.users import Places, UserBlock

# Before the purchase event the clock jumps whole days, and a session starts some time before
# its order: together these put many items' created_at before their order and some after it
# shipped, as in the live data.
SESSION_LEAD_DAYS = 4.5
PURCHASE_JUMP_DAYS = 4
STEP_SECONDS = 180

# A one-item order walks the whole funnel; each item of a bigger order browses once per item.
SINGLE_ITEM_WALK = np.array(
    [v.code(v.EVENT_TYPES, t) for t in ("home", "department", "product", "cart", "purchase")]
)
MULTI_ITEM_STEP = np.array([v.code(v.EVENT_TYPES, t) for t in ("department", "product", "cart")])
PURCHASE = v.code(v.EVENT_TYPES, "purchase")


@dataclass
class NextIds:
    order: int = 1
    item: int = 1
    inventory: int = 1
    event: int = 1


@dataclass(frozen=True)
class Orders:
    """A block's orders, as arrays indexed like the order table's rows."""

    table: pa.Table
    ids: np.ndarray
    buyer: np.ndarray  # row of the user in the block
    ordered_at: np.ndarray
    status: np.ndarray
    fulfilment: dict[str, tuple[np.ndarray, np.ndarray]]  # column: (times, is set)
    num_of_item: np.ndarray


@dataclass(frozen=True)
class Activity:
    orders: pa.Table
    order_items: pa.Table
    inventory_items: pa.Table
    events: pa.Table


def generate_activity(
    rng: np.random.Generator,
    users: UserBlock,
    now: np.datetime64,
    catalogue: Catalogue,
    places: Places,
    next_ids: NextIds,
    browsing: planted.Categories | None = None,
) -> Activity:
    """The block's orders, items, stock and events; `browsing` (the catalogue's categories)
    plants the behaviour of `thelook.source.browsing` on top of the faithful rules."""
    per_user = np.array(v.ORDERS_PER_USER)[draw(rng, v.ORDERS_PER_USER_WEIGHTS, len(users.ids))]
    if browsing is not None:
        # Its own stream, so that the faithful draws below stay in step with the default mode.
        planting = np.random.default_rng(rng.integers(2**63))
        engaged = planted.engagement(planting, len(users.ids))
        per_user = planted.orders_by_engagement(planting, per_user, engaged)
    orders = _orders(rng, users, now, next_ids.order, per_user)
    # Each item comes from the department matching the order's gender.
    order_of_item = np.repeat(np.arange(len(orders.ids)), orders.num_of_item)
    product_row = catalogue.pick(rng, users.gender[orders.buyer][order_of_item])
    if browsing is not None:
        product_row = planted.steer_to_affine(
            planting,
            browsing,
            product_row,
            orders.buyer[order_of_item],
            orders.ordered_at[order_of_item],
        )
    item_user = users.ids[orders.buyer][order_of_item]
    events, item_created_at = _purchasing_sessions(
        rng,
        orders,
        order_of_item,
        product_row,
        item_user,
        users,
        catalogue,
        places,
        next_ids.event,
    )
    if browsing is not None:
        first_item = np.cumsum(orders.num_of_item) - orders.num_of_item
        viewing = planted.browsing_events(
            planting,
            catalogue,
            browsing,
            places,
            users,
            engaged,
            (orders.buyer, orders.ordered_at, product_row[first_item]),
            now,
            first_id=next_ids.event + events.num_rows,
        )
        events = pa.concat_tables([events, viewing])
    inventory_items, sold_unit_ids = _stock(
        rng, product_row, item_created_at, now, catalogue, next_ids.inventory
    )
    products = catalogue.products
    bought = pa.array(product_row)
    order_items = pa.table(
        {
            "id": np.arange(next_ids.item, next_ids.item + len(product_row), dtype=np.int64),
            "order_id": orders.ids[order_of_item],
            "user_id": item_user,
            "product_id": products["id"].take(bought),
            "inventory_item_id": sold_unit_ids,
            "status": labels(orders.status[order_of_item], v.STATUSES),
            "created_at": timestamps(item_created_at),
            **{
                column: timestamps(times[order_of_item], is_set[order_of_item])
                for column, (times, is_set) in orders.fulfilment.items()
            },
            "sale_price": products["retail_price"].take(bought),
        }
    )
    next_ids.order += len(orders.ids)
    next_ids.item += order_items.num_rows
    next_ids.inventory += inventory_items.num_rows
    next_ids.event += events.num_rows
    return Activity(orders.table, order_items, inventory_items, events)


def _orders(
    rng: np.random.Generator,
    users: UserBlock,
    now: np.datetime64,
    first_id: int,
    per_user: np.ndarray,
) -> Orders:
    """`per_user` orders of each user, placed between sign-up and now; status decides which
    fulfilment times are set."""
    now_us = now.astype("datetime64[us]").astype(np.int64)
    buyer = np.repeat(np.arange(len(users.ids)), per_user)
    size = len(buyer)
    ids = np.arange(first_id, first_id + size, dtype=np.int64)
    signed_up = users.created_at[buyer]
    ordered_at = signed_up + (rng.random(size) * (now_us - signed_up)).astype(np.int64)
    status = draw(rng, v.STATUS_WEIGHTS, size)
    shipped_at = ordered_at + _uniform_days(rng, 3, size)
    delivered_at = shipped_at + _uniform_days(rng, 5, size)
    returned_at = delivered_at + _uniform_days(rng, 3, size)

    def status_in(*names: str) -> np.ndarray:
        return np.isin(status, [v.code(v.STATUSES, name) for name in names])

    fulfilment = {
        "shipped_at": (shipped_at, status_in("Complete", "Shipped", "Returned")),
        "delivered_at": (delivered_at, status_in("Complete", "Returned")),
        "returned_at": (returned_at, status_in("Returned")),
    }
    num_of_item = np.array(v.ITEMS_PER_ORDER)[draw(rng, v.ITEMS_PER_ORDER_WEIGHTS, size)]
    table = pa.table(
        {
            "order_id": ids,
            "user_id": users.ids[buyer],
            "status": labels(status, v.STATUSES),
            "gender": labels(users.gender[buyer], v.GENDERS),
            "created_at": timestamps(ordered_at),
            "returned_at": timestamps(*fulfilment["returned_at"]),
            "shipped_at": timestamps(*fulfilment["shipped_at"]),
            "delivered_at": timestamps(*fulfilment["delivered_at"]),
            "num_of_item": num_of_item,
        }
    )
    return Orders(table, ids, buyer, ordered_at, status, fulfilment, num_of_item)


def _purchasing_sessions(
    rng: np.random.Generator,
    orders: Orders,
    order_of_item: np.ndarray,
    product_row: np.ndarray,
    item_user: np.ndarray,
    users: UserBlock,
    catalogue: Catalogue,
    places: Places,
    first_event_id: int,
) -> tuple[pa.Table, np.ndarray]:
    """One session per item that walks to its purchase; the item is created at the purchase."""
    n_items = len(order_of_item)
    items_in_order = orders.num_of_item[order_of_item]
    walk_length = np.where(items_in_order == 1, len(SINGLE_ITEM_WALK), 3 * items_in_order + 1)
    step = positions(walk_length)
    session_of_event = np.repeat(np.arange(n_items), walk_length)
    is_last = step == walk_length[session_of_event] - 1
    event_type = np.where(
        items_in_order[session_of_event] == 1,
        SINGLE_ITEM_WALK[np.minimum(step, len(SINGLE_ITEM_WALK) - 1)],
        np.where(is_last, PURCHASE, MULTI_ITEM_STEP[step % 3]),
    )
    session_start = orders.ordered_at[order_of_item] - (
        rng.random(n_items) * SESSION_LEAD_DAYS * MICROS_PER_DAY
    ).astype(np.int64)
    gaps = rng.integers(0, STEP_SECONDS * MICROS_PER_SECOND, size=len(step))
    gaps[step == 0] = 0
    gaps[is_last] += rng.integers(0, PURCHASE_JUMP_DAYS + 1, size=n_items) * MICROS_PER_DAY
    event_at = session_start[session_of_event] + cumulative_within(gaps, walk_length)
    events = session_events(
        rng,
        catalogue,
        places,
        first_id=first_event_id,
        user_id=item_user,
        place=users.place[orders.buyer][order_of_item],
        walk_length=walk_length,
        event_type=event_type,
        product_row=product_row[session_of_event],
        created_at=event_at,
    )
    return events, event_at[is_last]


def _stock(
    rng: np.random.Generator,
    product_row: np.ndarray,
    item_created_at: np.ndarray,
    now: np.datetime64,
    catalogue: Catalogue,
    first_id: int,
) -> tuple[pa.Table, np.ndarray]:
    """The unit each item sold, then 1 to 3 unsold units of the same product; returns the
    inventory rows and each item's sold unit id."""
    n_items = len(product_row)
    unsold = np.array(v.UNSOLD_UNITS_PER_ITEM)[draw(rng, v.UNSOLD_UNITS_WEIGHTS, n_items)]
    units = 1 + unsold
    unit_item = np.repeat(np.arange(n_items), units)
    is_sold_unit = positions(units) == 0
    ids = np.arange(first_id, first_id + len(unit_item), dtype=np.int64)
    sold_at = item_created_at[unit_item]
    created_at = np.where(
        is_sold_unit,
        sold_at - _uniform_days(rng, 60, len(unit_item)),
        rng.integers(
            v.FIRST_UNSOLD_STOCK.astype(np.int64),
            now.astype("datetime64[us]").astype(np.int64),
            size=len(unit_item),
        ),
    )
    products = catalogue.products
    unit_product = pa.array(product_row[unit_item])
    copied = {  # inventory column: product column, copied at stocking time
        "product_id": "id",
        "cost": "cost",
        "product_category": "category",
        "product_name": "name",
        "product_brand": "brand",
        "product_retail_price": "retail_price",
        "product_department": "department",
        "product_sku": "sku",
        "product_distribution_center_id": "distribution_center_id",
    }
    table = pa.table(
        {
            "id": ids,
            "created_at": timestamps(created_at),
            "sold_at": timestamps(sold_at, is_sold_unit),
            **{column: products[source].take(unit_product) for column, source in copied.items()},
        }
    )
    return table, ids[is_sold_unit]


def _uniform_days(rng: np.random.Generator, days: float, size: int) -> np.ndarray:
    return (rng.random(size) * days * MICROS_PER_DAY).astype(np.int64)
