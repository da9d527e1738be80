"""A faithful local copy of `bigquery-public-data.thelook_ecommerce`, generated on the machine."""
