"""Campaigns as code: each file `campaigns/<name>.yaml` is one campaign, read and checked as the
project loads (macros/environment.py), so a malformed or contradictory file stops every SQLMesh
command in one line naming the file and the field, before anything is planned.

A campaign names its offer (a department's category), its audience (segments, engagement tiers,
value and propensity deciles: every one optional, none meaning all), its start day, its horizon,
its salt, and either the share of the audience to hold out or the uplift the holdout must be able
to detect (the share is then computed from the audience). docs/campaigns.md walks through one.

The settings reach the models as plain values (`load_campaigns()`: a tuple of dicts of
strings and numbers), which SQLMesh stores in each model's fingerprint: a changed file shows in
the plan as a change to every campaign model.
"""

import re
from datetime import date
from pathlib import Path
from typing import Any

from thelook.business.segment_grid import ENGAGEMENT_TIERS, SEGMENTS

NAME = r"[a-z0-9][a-z0-9-]{0,62}"
DEPARTMENTS = ("Men", "Women")
# Half the audience held out at most: beyond, the treated group is the smaller one.
MAX_HOLDOUT_SHARE = 0.5
MAX_HORIZON_DAYS = 365
FIELDS = {
    "description": "a sentence saying what the campaign is for",
    "offer": "the offered department and category, e.g. {department: Men, category: Jeans}",
    "audience": "segments, engagement_tiers, value_deciles, propensity_deciles (each optional)",
    "start_day": "the day the campaign is sent, YYYY-MM-DD",
    "horizon_days": f"days after the start its effect is read over, 1 to {MAX_HORIZON_DAYS}",
    "salt": "any text: changing it reshuffles who is held out",
    "holdout_share": f"the share of the audience held out, above 0 and at most {MAX_HOLDOUT_SHARE}",
    "detectable_uplift": "the relative uplift the holdout must detect, above 0 and at most 1",
    "assumed_uplift": "the relative uplift the plan assumes, above 0 and at most 1 "
    "(default THELOOK_CAMPAIGN_UPLIFT)",
}
AUDIENCE_FIELDS = ("segments", "engagement_tiers", "value_deciles", "propensity_deciles")


def project_folder() -> Path:
    """The project's campaigns/ folder, beside the thelook package."""
    return Path(__file__).resolve().parents[2] / "campaigns"


class CampaignError(ValueError):
    """A campaign file cannot be used: the message names the file, the field and what to set."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def _fraction(where: str, value: Any, highest: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= highest:
        raise CampaignError(f"{where}: {value!r} is not a fraction above 0 and at most {highest}")
    return float(value)


def _choices(where: str, value: Any, allowed: tuple[str, ...]) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(v in allowed for v in value):
        raise CampaignError(
            f"{where}: {value!r} is not a list of {', '.join(allowed)} (leave it out for all)"
        )
    return sorted(set(value), key=allowed.index)


def _deciles(where: str, value: Any) -> list[int]:
    if value is None:
        return [1, 10]
    ok = isinstance(value, list) and len(value) == 2
    ok = ok and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    if not ok or not 1 <= value[0] <= value[1] <= 10:
        raise CampaignError(f"{where}: {value!r} is not a range [lowest, highest] of deciles 1-10")
    return list(value)


def parse_campaign(name: str, where: str, raw: Any) -> dict[str, Any]:
    """One campaign's settings from its parsed file, `where` naming the file in messages."""
    if not re.fullmatch(NAME, name):
        raise CampaignError(
            f"{where}: the file name is not a campaign name: use lower-case letters, digits "
            "and dashes, e.g. campaigns/jeans-for-lapsed-men.yaml"
        )
    if not isinstance(raw, dict):
        raise CampaignError(f"{where}: not a mapping of fields: set {', '.join(FIELDS)}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise CampaignError(
            f"{where}: {unknown[0]}: not a campaign field; the fields are {', '.join(FIELDS)}"
        )
    required = ("description", "offer", "start_day", "horizon_days", "salt")
    missing = [field for field in required if raw.get(field) is None]
    if missing:
        raise CampaignError(f"{where}: {missing[0]}: missing; set {FIELDS[missing[0]]}")
    if ("holdout_share" in raw) == ("detectable_uplift" in raw):
        raise CampaignError(
            f"{where}: holdout_share: set either holdout_share or detectable_uplift, not "
            f"{'both' if 'holdout_share' in raw else 'neither'}"
        )
    offer = raw["offer"]
    if not isinstance(offer, dict) or set(offer) != {"department", "category"}:
        raise CampaignError(f"{where}: offer: {offer!r} is not {FIELDS['offer']}")
    if offer["department"] not in DEPARTMENTS:
        raise CampaignError(
            f"{where}: offer.department: {offer['department']!r} is not Men or Women"
        )
    if not isinstance(offer["category"], str) or not offer["category"].strip():
        raise CampaignError(
            f"{where}: offer.category: {offer['category']!r} is not a category name"
        )
    audience = raw.get("audience") or {}
    if not isinstance(audience, dict):
        raise CampaignError(f"{where}: audience: {audience!r} is not {FIELDS['audience']}")
    unknown = sorted(set(audience) - set(AUDIENCE_FIELDS))
    if unknown:
        raise CampaignError(
            f"{where}: audience.{unknown[0]}: not an audience filter; the filters are "
            f"{', '.join(AUDIENCE_FIELDS)}"
        )
    start = raw["start_day"]
    if not isinstance(start, date):
        raise CampaignError(f"{where}: start_day: {start!r} is not a date: set YYYY-MM-DD")
    horizon = raw["horizon_days"]
    if isinstance(horizon, bool) or not isinstance(horizon, int):
        horizon = 0
    if not 1 <= horizon <= MAX_HORIZON_DAYS:
        raise CampaignError(
            f"{where}: horizon_days: {raw['horizon_days']!r} is not {FIELDS['horizon_days']}"
        )
    if not isinstance(raw["salt"], str | int) or not str(raw["salt"]).strip():
        raise CampaignError(f"{where}: salt: {raw['salt']!r} is not {FIELDS['salt']}")
    if not isinstance(raw["description"], str):
        raise CampaignError(f"{where}: description: not {FIELDS['description']}")
    share = raw.get("holdout_share")
    detectable = raw.get("detectable_uplift")
    assumed = raw.get("assumed_uplift")
    return {
        "campaign": name,
        "description": raw["description"].strip(),
        "department": offer["department"],
        "category": offer["category"].strip(),
        "segments": _choices(f"{where}: audience.segments", audience.get("segments"), SEGMENTS),
        "engagement_tiers": _choices(
            f"{where}: audience.engagement_tiers",
            audience.get("engagement_tiers"),
            ENGAGEMENT_TIERS,
        ),
        "value_deciles": _deciles(
            f"{where}: audience.value_deciles", audience.get("value_deciles")
        ),
        "propensity_deciles": _deciles(
            f"{where}: audience.propensity_deciles", audience.get("propensity_deciles")
        ),
        "start_day": start.isoformat(),
        "horizon_days": horizon,
        "salt": str(raw["salt"]),
        "holdout_share": None
        if share is None
        else _fraction(f"{where}: holdout_share", share, MAX_HOLDOUT_SHARE),
        "detectable_uplift": None
        if detectable is None
        else _fraction(f"{where}: detectable_uplift", detectable, 1),
        "assumed_uplift": None
        if assumed is None
        else _fraction(f"{where}: assumed_uplift", assumed, 1),
    }


def load_campaigns(folder: Path) -> tuple[dict[str, Any], ...]:
    """Every campaign of `folder` (project_folder() for the project's), by name; none when the
    folder is missing. A model file holds them as a module constant, which SQLMesh stores in the
    model: a changed file changes the model. A bad file raises CampaignError; the project
    refuses it as it loads (check_campaigns)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    campaigns = []
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
        where = f"campaigns/{path.name}"
        try:
            raw = YAML(typ="safe", pure=True).load(path.read_text())
        except YAMLError as error:
            problem = str(error).splitlines()[0]
            raise CampaignError(f"{where}: not YAML ({problem}): fix the file's syntax") from None
        campaigns.append(parse_campaign(path.stem, where, raw))
    return tuple(campaigns)


def check_campaigns(folder: Path | None = None) -> None:
    """Refuse a bad campaign file as the project loads, in SQLMesh's one line."""
    from sqlmesh.utils.errors import ConfigError

    try:
        load_campaigns(folder or project_folder())
    except CampaignError as error:
        raise ConfigError(str(error)) from None
