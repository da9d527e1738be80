/* One row per registered user of theLook. */
MODEL (
  name staging.stg_users,
  kind VIEW,
  grain user_id,
  owner analytics,
  description 'Registered users as theLook lists them, with country names in English.',
  audits (
    not_null(columns := (
      user_id
    )),
    unique_values(columns := (
      user_id
    )),
    accepted_values_non_blocking(
      column := traffic_source,
      is_in := ('Search', 'Organic', 'Facebook', 'Email', 'Display')
    )
  )
);

SELECT
  id::INT64 AS user_id, /* The user's id, the key every user-level model joins on. */
  first_name AS first_name, /* Given name. */
  last_name AS last_name, /* Family name. */
  email AS email, /* Email address; not unique, as in the source. */
  age::INT64 AS age, /* Age in years at sign-up. */
  gender AS gender, /* M or F. */
  CASE country
    WHEN 'Brasil'
    THEN 'Brazil'
    WHEN 'España'
    THEN 'Spain'
    WHEN 'Deutschland'
    THEN 'Germany'
    ELSE country
  END AS country, /* Country in English; the source mixes in a few local spellings. */
  state AS state, /* State, province or region. */
  NULLIF(city, 'null') AS city, /* City; NULL where the source has the text 'null'. */
  postal_code AS postal_code, /* Postal code as text. */
  latitude::FLOAT64 AS latitude, /* Latitude of the address. */
  longitude::FLOAT64 AS longitude, /* Longitude of the address. */
  traffic_source AS traffic_source, /* Channel the user signed up through (Search, Organic, Facebook, Email, Display). */
  created_at::TIMESTAMP AS signed_up_at /* When the user signed up, UTC. */
FROM `bigquery-public-data`.thelook_ecommerce.users