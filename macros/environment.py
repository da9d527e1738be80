"""Settings read from the environment, and the campaign files, are checked as the project loads: a
bad one stops every SQLMesh command with one line saying what to set, before anything is
planned."""

from thelook.glue.as_of import check_pinned_as_of
from thelook.glue.campaigns import check_campaigns
from thelook.glue.connections import check_connection_settings_on_load
from thelook.glue.freshness import check_source_lag
from thelook.glue.uplift import check_campaign_uplift

check_pinned_as_of()
check_campaign_uplift()
check_source_lag()
check_campaigns()
check_connection_settings_on_load()
