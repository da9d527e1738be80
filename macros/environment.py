"""Settings read from the environment are checked as the project loads: a bad one stops every
SQLMesh command with one line saying what to set, before anything is planned."""

from thelook.glue.as_of import check_pinned_as_of
from thelook.glue.connections import check_connection_settings_on_load
from thelook.glue.freshness import check_source_lag
from thelook.glue.uplift import check_campaign_uplift

check_pinned_as_of()
check_campaign_uplift()
check_source_lag()
check_connection_settings_on_load()
