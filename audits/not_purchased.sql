AUDIT (
  name not_purchased,
  dialect bigquery
);

/* Cross-sell candidates the user did buy: a candidate pair must have no purchased item. */
SELECT
  candidates.*
FROM @this_model AS candidates
INNER JOIN intermediate.order_items_enriched AS items
  ON items.user_id = candidates.user_id
  AND items.product_id = candidates.product_id
  AND items.is_purchased