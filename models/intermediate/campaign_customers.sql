/* One row per campaign and user signed up by its audience day: what was known of the user then, and what the user bought in the campaign's horizon. */
MODEL (
  name intermediate.campaign_customers,
  kind FULL,
  clustered_by (campaign, user_id),
  grain (campaign, user_id),
  owner marketing,
  depends_on [intermediate.source_coverage],
  description 'Every user signed up by the audience day of each campaign of campaigns/*.yaml (its start day, or as_of for a campaign that has not started), described as known at the end of that day by @user_activity_at (macros/user_activity.py), what customer_segments is computed from: purchased orders, net revenue (a return counts once it happened), days since the last purchased order, the sessions of the engagement window before it; whether the user could be offered the category of the campaign (of its department, not bought by then). Once the horizon has passed by as_of, what the user bought in it, as known at as_of; NULL before.',
  audits (
    not_null(columns := (campaign, user_id, audience_day, frequency, monetary, is_eligible)),
    unique_combination_of_columns(columns := (campaign, user_id)),
    accepted_range(column := tenure_days, min_v := 0),
    accepted_range(column := monetary, min_v := 0),
    forall(
      criteria := (
        (
          recency_days IS NULL
        ) = (
          frequency = 0
        ),
        audience_day <= start_day,
        (
          bought_offer IS NULL
        ) = (
          net_revenue_after IS NULL
        ),
        NOT bought_offer OR bought_anything
      )
    )
  )
);

WITH campaigns AS (
  SELECT
    definitions.campaign,
    definitions.start_day,
    definitions.horizon_end_day,
    definitions.department,
    definitions.category,
    LEAST(definitions.start_day, @as_of()) AS audience_day,
    definitions.horizon_end_day <= @as_of() AS horizon_passed
  FROM @campaign_days() AS definitions
), known_users AS (
  SELECT
    campaigns.campaign,
    users.user_id,
    DATE_DIFF(campaigns.audience_day, DATE(users.signed_up_at), DAY) AS tenure_days,
    @department_of(users.gender) = campaigns.department AS in_department
  FROM staging.stg_users AS users
  INNER JOIN campaigns
    ON @known_by(users.signed_up_at, campaigns.audience_day)
), audience_days AS (
  SELECT DISTINCT
    audience_day AS known_at
  FROM campaigns
), activity AS (
  /* What segments are computed from, as known at each audience day: the one definition. */
  SELECT
    known_at,
    user_id,
    purchased_orders,
    net_revenue,
    days_since_last_order,
    has_events,
    engagement_sessions
  FROM @user_activity_at(audience_days)
), bought_categories AS (
  SELECT
    campaigns.campaign,
    items.user_id,
    LOGICAL_OR(products.category = campaigns.category) AS bought_category
  FROM intermediate.order_items_enriched AS items
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
  INNER JOIN campaigns
    ON @item_known_by(items, campaigns.audience_day)
  WHERE
    items.is_purchased
  GROUP BY
    campaigns.campaign,
    items.user_id
), horizon_items AS (
  SELECT
    campaigns.campaign,
    items.user_id,
    LOGICAL_OR(products.category = campaigns.category) AS bought_offer,
    SUM(@item_net_revenue_at(items, @as_of())) AS net_revenue_after
  FROM intermediate.order_items_enriched AS items
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
  INNER JOIN campaigns
    ON campaigns.horizon_passed
    AND @purchased_after(
      items,
      campaigns.start_day,
      DATE_DIFF(campaigns.horizon_end_day, campaigns.start_day, DAY)
    )
  GROUP BY
    campaigns.campaign,
    items.user_id
)
SELECT
  users.campaign AS campaign, /* The campaign: its file's name in campaigns/. */
  users.user_id AS user_id, /* The user, signed up by the audience day. */
  campaigns.audience_day AS audience_day, /* The day the user is known at: the campaign's start day, or as_of for a campaign not started yet. */
  campaigns.start_day AS start_day, /* The campaign's start day. */
  users.in_department AND NOT COALESCE(bought.bought_category, FALSE) AS is_eligible, /* Whether the user can be offered the category: of its department, and never bought it by the audience day. */
  users.tenure_days AS tenure_days, /* Days from sign-up to the audience day. */
  activity.purchased_orders AS frequency, /* Purchased orders by the audience day. */
  activity.net_revenue AS monetary, /* Net revenue by the audience day, as known then; the pre-start spend a readout adjusts with, US dollars. */
  activity.days_since_last_order AS recency_days, /* Days from the last purchased order to the audience day; NULL for a user with none. */
  activity.has_events AS has_events, /* Whether the user had any web event by the audience day. */
  activity.engagement_sessions AS engagement_sessions, /* Distinct sessions with an event in the engagement window that ends on the audience day. */
  IF(campaigns.horizon_passed, COALESCE(horizon_items.bought_offer, FALSE), NULL) AS bought_offer, /* A purchased item of the offered category, of an order placed in the horizon (the days after the start day up to horizon_days); NULL until the horizon has passed by as_of. */
  IF(campaigns.horizon_passed, NOT horizon_items.user_id IS NULL, NULL) AS bought_anything, /* Any purchased item of an order placed in the horizon; NULL until it has passed. */
  IF(campaigns.horizon_passed, COALESCE(horizon_items.net_revenue_after, 0), NULL) AS net_revenue_after /* Net revenue of those items, as known at as_of, US dollars; NULL until the horizon has passed. */
FROM known_users AS users
INNER JOIN campaigns
  ON campaigns.campaign = users.campaign
INNER JOIN activity
  ON activity.known_at = campaigns.audience_day AND activity.user_id = users.user_id
LEFT JOIN bought_categories AS bought
  ON bought.campaign = users.campaign AND bought.user_id = users.user_id
LEFT JOIN horizon_items
  ON horizon_items.campaign = users.campaign AND horizon_items.user_id = users.user_id