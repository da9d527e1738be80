/* One row per registered user of theLook. Personal data stops here: names, email, street
   address, postal code, city, state and coordinates are not selected (a model that needs one
   reads the source under its own review); the personal columns kept say so. */
MODEL (
  name staging.stg_users,
  kind VIEW,
  grain user_id,
  owner analytics,
  description 'Users registered by the end of as_of, as theLook lists them, with country names in English.',
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
  age::INT64 AS age, /* Personal data: age in years at sign-up. */
  gender AS gender, /* Personal data: gender, M or F. */
  CASE country
    WHEN 'Brasil'
    THEN 'Brazil'
    WHEN 'España'
    THEN 'Spain'
    WHEN 'Deutschland'
    THEN 'Germany'
    ELSE country
  END AS country, /* Personal data: country, in English; the source mixes in a few local spellings. */
  traffic_source AS traffic_source, /* Channel the user signed up through (Search, Organic, Facebook, Email, Display). */
  created_at::TIMESTAMP AS signed_up_at /* When the user signed up, UTC. */
FROM `bigquery-public-data`.thelook_ecommerce.users
WHERE
  @known_by(created_at, @as_of())