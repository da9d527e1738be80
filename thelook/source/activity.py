"""What registered users do: orders, their items, the sessions that bought them, the stock sold."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

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
from thelook.source.catalogue import Catalogue
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
) -> Activity:
    now_us = now.astype("datetime64[us]").astype(np.int64)

    # Orders
    per_user = np.array(v.ORDERS_PER_USER)[draw(rng, v.ORDERS_PER_USER_WEIGHTS, len(users.ids))]
    buyer = np.repeat(np.arange(len(users.ids)), per_user)
    n_orders = len(buyer)
    order_ids = np.arange(next_ids.order, next_ids.order + n_orders, dtype=np.int64)
    signed_up = users.created_at[buyer]
    ordered_at = signed_up + (rng.random(n_orders) * (now_us - signed_up)).astype(np.int64)
    status = draw(rng, v.STATUS_WEIGHTS, n_orders)
    shipped_at = ordered_at + _uniform_days(rng, 3, n_orders)
    delivered_at = shipped_at + _uniform_days(rng, 5, n_orders)
    returned_at = delivered_at + _uniform_days(rng, 3, n_orders)
    was_shipped = np.isin(
        status, [v.code(v.STATUSES, s) for s in ("Complete", "Shipped", "Returned")]
    )
    was_delivered = np.isin(status, [v.code(v.STATUSES, s) for s in ("Complete", "Returned")])
    was_returned = status == v.code(v.STATUSES, "Returned")
    num_of_item = np.array(v.ITEMS_PER_ORDER)[draw(rng, v.ITEMS_PER_ORDER_WEIGHTS, n_orders)]
    gender = users.gender[buyer]
    orders = pa.table(
        {
            "order_id": order_ids,
            "user_id": users.ids[buyer],
            "status": labels(status, v.STATUSES),
            "gender": labels(gender, v.GENDERS),
            "created_at": timestamps(ordered_at),
            "returned_at": timestamps(returned_at, was_returned),
            "shipped_at": timestamps(shipped_at, was_shipped),
            "delivered_at": timestamps(delivered_at, was_delivered),
            "num_of_item": num_of_item,
        }
    )

    # Items: each from the department matching the order's gender, each bought in its own session.
    order_of_item = np.repeat(np.arange(n_orders), num_of_item)
    n_items = len(order_of_item)
    product_row = catalogue.pick(rng, gender[order_of_item])
    items_in_order = num_of_item[order_of_item]
    walk_length = np.where(items_in_order == 1, len(SINGLE_ITEM_WALK), 3 * items_in_order + 1)
    step = positions(walk_length)
    session_of_event = np.repeat(np.arange(n_items), walk_length)
    is_last = step == walk_length[session_of_event] - 1
    single = items_in_order[session_of_event] == 1
    event_type = np.where(
        single,
        SINGLE_ITEM_WALK[np.minimum(step, len(SINGLE_ITEM_WALK) - 1)],
        np.where(is_last, PURCHASE, MULTI_ITEM_STEP[step % 3]),
    )
    session_start = ordered_at[order_of_item] - (
        rng.random(n_items) * SESSION_LEAD_DAYS * MICROS_PER_DAY
    ).astype(np.int64)
    gaps = rng.integers(0, STEP_SECONDS * MICROS_PER_SECOND, size=len(step))
    gaps[step == 0] = 0
    gaps[is_last] += rng.integers(0, PURCHASE_JUMP_DAYS + 1, size=n_items) * MICROS_PER_DAY
    event_at = session_start[session_of_event] + cumulative_within(gaps, walk_length)
    item_created_at = event_at[is_last]
    item_user = users.ids[buyer][order_of_item]
    events = session_events(
        rng,
        catalogue,
        places,
        first_id=next_ids.event,
        user_id=item_user,
        place=users.place[buyer][order_of_item],
        walk_length=walk_length,
        event_type=event_type,
        product_row=product_row[session_of_event],
        created_at=event_at,
    )

    # Stock: the unit each item sold, then 1 to 3 unsold units of the same product.
    unsold = np.array(v.UNSOLD_UNITS_PER_ITEM)[draw(rng, v.UNSOLD_UNITS_WEIGHTS, n_items)]
    units = 1 + unsold
    unit_item = np.repeat(np.arange(n_items), units)
    is_sold_unit = positions(units) == 0
    inventory_ids = np.arange(
        next_ids.inventory, next_ids.inventory + len(unit_item), dtype=np.int64
    )
    first_stock = v.FIRST_UNSOLD_STOCK.astype(np.int64)
    unit_sold_at = item_created_at[unit_item]
    unit_created_at = np.where(
        is_sold_unit,
        unit_sold_at - _uniform_days(rng, 60, len(unit_item)),
        rng.integers(first_stock, now_us, size=len(unit_item)),
    )
    products = catalogue.products
    unit_product = pa.array(product_row[unit_item])
    inventory_items = pa.table(
        {
            "id": inventory_ids,
            "product_id": products["id"].take(unit_product),
            "created_at": timestamps(unit_created_at),
            "sold_at": timestamps(unit_sold_at, is_sold_unit),
            "cost": products["cost"].take(unit_product),
            "product_category": products["category"].take(unit_product),
            "product_name": products["name"].take(unit_product),
            "product_brand": products["brand"].take(unit_product),
            "product_retail_price": products["retail_price"].take(unit_product),
            "product_department": products["department"].take(unit_product),
            "product_sku": products["sku"].take(unit_product),
            "product_distribution_center_id": products["distribution_center_id"].take(unit_product),
        }
    )

    item_order = order_of_item
    item_status = status[item_order]
    order_items = pa.table(
        {
            "id": np.arange(next_ids.item, next_ids.item + n_items, dtype=np.int64),
            "order_id": order_ids[item_order],
            "user_id": item_user,
            "product_id": products["id"].take(pa.array(product_row)),
            "inventory_item_id": inventory_ids[is_sold_unit],
            "status": labels(item_status, v.STATUSES),
            "created_at": timestamps(item_created_at),
            "shipped_at": timestamps(shipped_at[item_order], was_shipped[item_order]),
            "delivered_at": timestamps(delivered_at[item_order], was_delivered[item_order]),
            "returned_at": timestamps(returned_at[item_order], was_returned[item_order]),
            "sale_price": products["retail_price"].take(pa.array(product_row)),
        }
    )
    next_ids.order += n_orders
    next_ids.item += n_items
    next_ids.inventory += len(unit_item)
    next_ids.event += events.num_rows
    return Activity(orders, order_items, inventory_items, events)


def _uniform_days(rng: np.random.Generator, days: float, size: int) -> np.ndarray:
    return (rng.random(size) * days * MICROS_PER_DAY).astype(np.int64)
