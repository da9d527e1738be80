"""Campaign files: the examples load; a malformed or contradictory file is refused in one line
naming the file and the field, and the project refuses it as it loads."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thelook.business.segment_grid import SEGMENTS
from thelook.glue.campaigns import (
    CampaignError,
    check_campaigns,
    load_campaigns,
    parse_campaign,
    project_folder,
)

GOOD = """
description: Jeans for lapsing men.
offer: {department: Men, category: Jeans}
audience: {segments: [At risk, Hibernating], value_deciles: [3, 10]}
start_day: 2026-06-01
horizon_days: 60
holdout_share: 0.2
salt: jeans
"""


def write(folder: Path, text: str, name: str = "jeans") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text)
    return folder


def test_the_examples_load():
    campaigns = load_campaigns(project_folder())
    assert len(campaigns) >= 2
    for campaign in campaigns:
        assert (campaign["holdout_share"] is None) != (campaign["detectable_uplift"] is None)


def test_a_good_file_reads_as_plain_values(tmp_path):
    (campaign,) = load_campaigns(write(tmp_path / "c", GOOD))
    assert campaign["campaign"] == "jeans"
    assert campaign["start_day"] == "2026-06-01"
    assert campaign["segments"] == ["At risk", "Hibernating"]
    assert campaign["engagement_tiers"] is None
    assert campaign["value_deciles"] == [3, 10]
    assert campaign["propensity_deciles"] == [1, 10]
    assert campaign["holdout_share"] == 0.2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("holdout_share: 0.2", "holdout_share: 0.7"), "holdout_share"),
        (("holdout_share: 0.2", "holdout_share: 0.2\ndetectable_uplift: 0.1"), "holdout_share"),
        (("holdout_share: 0.2", ""), "holdout_share"),
        (("start_day: 2026-06-01", "start_day: June"), "start_day"),
        (("horizon_days: 60", "horizon_days: 0"), "horizon_days"),
        (("segments: [At risk, Hibernating]", "segments: [Whales]"), "audience.segments"),
        (("value_deciles: [3, 10]", "value_deciles: [8, 3]"), "audience.value_deciles"),
        (("department: Men", "department: Kids"), "offer.department"),
        (("salt: jeans", "salt: ''"), "salt"),
        (("salt: jeans", "salt: jeans\nbudget: 10"), "budget"),
        (("value_deciles: [3, 10]", "countries: [Spain]"), "audience.countries"),
        (("horizon_days: 60\n", ""), "horizon_days"),
        (("offer: {", "offer: {{"), "not YAML"),
    ],
)
def test_a_bad_file_is_refused_naming_file_and_field(tmp_path, change, field):
    folder = write(tmp_path / "c", GOOD.replace(*change))
    with pytest.raises(CampaignError) as refused:
        load_campaigns(folder)
    message = str(refused.value)
    assert message.startswith(f"campaigns/jeans.yaml: {field}")
    assert "\n" not in message


def test_a_bad_name_is_refused(tmp_path):
    with pytest.raises(CampaignError, match=r"Jeans_Men\.yaml: the file name"):
        load_campaigns(write(tmp_path / "c", GOOD, name="Jeans_Men"))


def test_the_project_refuses_a_bad_file_as_it_loads(tmp_path):
    from sqlmesh.utils.errors import ConfigError

    with pytest.raises(ConfigError, match=r"^campaigns/jeans.yaml: horizon_days"):
        check_campaigns(write(tmp_path / "c", GOOD.replace("horizon_days: 60", "horizon_days: x")))


@given(
    st.floats(-1, 2, allow_nan=False),
    st.integers(-5, 400),
    st.lists(st.sampled_from(SEGMENTS), max_size=4),
)
def test_a_campaign_is_read_exactly_when_every_field_is_in_range(share, horizon, segments):
    raw = {
        "description": "A campaign.",
        "offer": {"department": "Women", "category": "Dresses"},
        "audience": {"segments": segments} if segments else {},
        "start_day": date(2026, 6, 1),
        "horizon_days": horizon,
        "holdout_share": share,
        "salt": "s",
    }
    valid = 0 < share <= 0.5 and 1 <= horizon <= 365
    try:
        campaign = parse_campaign("dresses", "campaigns/dresses.yaml", raw)
    except CampaignError as error:
        assert not valid
        assert str(error).startswith("campaigns/dresses.yaml: ")
        return
    assert valid
    assert (campaign["holdout_share"], campaign["horizon_days"]) == (share, horizon)
    assert campaign["segments"] == (sorted(set(segments), key=SEGMENTS.index) or None)
