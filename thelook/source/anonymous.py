"""Anonymous traffic: sessions with no user that browse one product and never buy."""

import numpy as np
import pyarrow as pa

from thelook.source import vocabulary as v
from thelook.source.arrays import MICROS_PER_SECOND, cumulative_within, positions
from thelook.source.product_catalogue import Catalogue
from thelook.source.sessions import session_events
from thelook.source.users import Places

STEP_SECONDS = 30 * 60
PATTERN_LENGTHS = np.array([len(pattern) for pattern in v.ANONYMOUS_PATTERNS])
# Patterns padded into one matrix so that a step of a pattern is one lookup.
PATTERN_STEPS = np.array(
    [
        [v.code(v.EVENT_TYPES, t) for t in pattern] + [-1] * (PATTERN_LENGTHS.max() - len(pattern))
        for pattern in v.ANONYMOUS_PATTERNS
    ]
)


def anonymous_events(
    rng: np.random.Generator,
    sessions: int,
    now: np.datetime64,
    catalogue: Catalogue,
    places: Places,
    first_id: int,
) -> pa.Table:
    pattern = rng.integers(len(v.ANONYMOUS_PATTERNS), size=sessions)
    walk_length = PATTERN_LENGTHS[pattern]
    step = positions(walk_length)
    session_of_event = np.repeat(np.arange(sessions), walk_length)
    product_row = catalogue.pick(rng, rng.integers(len(v.DEPARTMENTS), size=sessions))
    start = rng.integers(
        v.FIRST_SIGNUP.astype(np.int64),
        now.astype("datetime64[us]").astype(np.int64),
        size=sessions,
    )
    gaps = rng.integers(0, STEP_SECONDS * MICROS_PER_SECOND, size=len(step))
    gaps[step == 0] = 0
    return session_events(
        rng,
        catalogue,
        places,
        first_id=first_id,
        user_id=None,
        place=places.draw(rng, sessions),
        walk_length=walk_length,
        event_type=PATTERN_STEPS[pattern[session_of_event], step],
        product_row=product_row[session_of_event],
        created_at=start[session_of_event] + cumulative_within(gaps, walk_length),
    )
