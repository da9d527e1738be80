"""What segments are computed from, as known at the end of any day: written once, for every day.

At as_of, marts.customer_metrics computes each user's orders, net revenue and recency from
intermediate.user_orders and intermediate.user_events, and customer_segments reads them with the
sessions of the engagement window. Segment migration needs the same inputs a month earlier, and
the monthly history at each month's end: `@user_activity_at(days)` states them as known at the
end of every day of `days`, with the one definition of each term applied at that day (a row
known by it, @known_by; a purchase, @is_purchased of the status as it stood then, @status_at; an
item's net revenue, @item_net_revenue_at). At as_of it equals customer_metrics
(tests/project/test_history.py checks it).
"""

from datetime import date

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.dialect import MacroFunc
from sqlmesh.core.macros import MacroEvaluator

from macros.as_of import engagement_window_days
from macros.known_at import item_net_revenue_at, known_by, status_at
from macros.terms import is_purchased, item_known_by
from thelook.business.segment_history import last_days_of_months

# `{days}` is a table with one column, known_at (DATE): the days to state users at.
USER_ACTIVITY_AT = """
SELECT
  users.known_at AS known_at,
  users.user_id AS user_id,
  COALESCE(orders.purchased_orders, 0) > 0 AS is_buyer,
  COALESCE(orders.purchased_orders, 0) AS purchased_orders,
  COALESCE(items.net_revenue, 0) AS net_revenue,
  orders.first_order_at AS first_order_at,
  orders.last_order_at AS last_order_at,
  DATE_DIFF(users.known_at, DATE(orders.last_order_at), DAY) AS days_since_last_order,
  COALESCE(@known_by(users.first_event_at, users.known_at), FALSE) AS has_events,
  COALESCE(sessions.engagement_sessions, 0) AS engagement_sessions
FROM (
  SELECT days.known_at, users.user_id, first_events.first_event_at
  FROM staging.stg_users AS users
  INNER JOIN {days} AS days
    ON @known_by(users.signed_up_at, days.known_at)
  LEFT JOIN (
    SELECT user_id, MIN(event_at) AS first_event_at
    FROM staging.stg_events
    WHERE NOT user_id IS NULL
    GROUP BY user_id
  ) AS first_events
    ON first_events.user_id = users.user_id
) AS users
LEFT JOIN (
  SELECT
    orders.known_at,
    orders.user_id,
    COUNTIF(orders.is_purchased) AS purchased_orders,
    MIN(IF(orders.is_purchased, orders.ordered_at, NULL)) AS first_order_at,
    MAX(IF(orders.is_purchased, orders.ordered_at, NULL)) AS last_order_at
  FROM (
    SELECT
      days.known_at,
      orders.user_id,
      orders.ordered_at,
      @is_purchased(
        @status_at(
          orders.status, orders.shipped_at, orders.delivered_at, orders.returned_at, days.known_at
        )
      ) AS is_purchased
    FROM staging.stg_orders AS orders
    INNER JOIN {days} AS days
      ON @known_by(orders.ordered_at, days.known_at)
  ) AS orders
  GROUP BY orders.known_at, orders.user_id
) AS orders
  ON orders.user_id = users.user_id AND orders.known_at = users.known_at
LEFT JOIN (
  SELECT
    days.known_at,
    items.user_id,
    SUM(IF(items.is_purchased, @item_net_revenue_at(items, days.known_at), 0)) AS net_revenue
  FROM intermediate.order_items_enriched AS items
  INNER JOIN {days} AS days
    ON @item_known_by(items, days.known_at)
  GROUP BY days.known_at, items.user_id
) AS items
  ON items.user_id = users.user_id AND items.known_at = users.known_at
LEFT JOIN (
  SELECT
    days.known_at,
    events.user_id,
    COUNT(DISTINCT events.session_id) AS engagement_sessions
  FROM (
    /* A user's sessions by the days they had events on: a few rows a session, not one an
       event, to join to the days. */
    SELECT DISTINCT user_id, session_id, event_at
    FROM (
      SELECT user_id, session_id, TIMESTAMP_TRUNC(event_at, DAY) AS event_at
      FROM staging.stg_events
      WHERE NOT user_id IS NULL
    )
  ) AS events
  INNER JOIN {days} AS days
    ON @known_by(events.event_at, days.known_at)
    AND DATE_DIFF(days.known_at, DATE(events.event_at), DAY) <= @engagement_window_days()
  GROUP BY days.known_at, events.user_id
) AS sessions
  ON sessions.user_id = users.user_id AND sessions.known_at = users.known_at
"""


@macro()
def user_activity_at(evaluator: MacroEvaluator, days: exp.Expr) -> exp.Expr:
    """One row per user signed up by the end of each day of `days` (a table or CTE with the
    column known_at): is_buyer, purchased_orders, net_revenue, first_order_at, last_order_at,
    days_since_last_order, has_events and engagement_sessions, each as customer_metrics and
    customer_segments define it, as known at the end of that day."""
    query = evaluator.parse_one(USER_ACTIVITY_AT.format(days=exp.table_name(days)))
    return exp.paren(query.transform(lambda node: _expand(evaluator, node)))


def _expand(evaluator: MacroEvaluator, node: exp.Expr) -> exp.Expr:
    """A call of one of the macros the query names, evaluated with its arguments expanded
    first; any other node as it is."""
    if not isinstance(node, MacroFunc):
        return node
    # SQLMesh ships a model only the macros its own text names: these are called here, as
    # functions, rather than left for SQLMesh to expand.
    macros = {
        "engagement_window_days": engagement_window_days,
        "is_purchased": is_purchased,
        "item_known_by": item_known_by,
        "item_net_revenue_at": item_net_revenue_at,
        "known_by": known_by,
        "status_at": status_at,
    }
    call = node.this
    arguments = [
        argument.transform(lambda inner: _expand(evaluator, inner)) for argument in call.expressions
    ]
    return macros[call.name.lower()](evaluator, *arguments)


@macro()
def month_ends(evaluator: MacroEvaluator, start: exp.Expr, end: exp.Expr) -> exp.Expr:
    """The last day of every month from the day `start` to the day `end` (both 'YYYY-MM-DD'
    strings, as @start_ds and @end_ds are), as an array of DATE literals: the days an
    incremental model by month states users at."""
    days = last_days_of_months(date.fromisoformat(start.name), date.fromisoformat(end.name))
    return exp.Array(
        expressions=[
            exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE) for day in days
        ]
    )
