"""Web sessions turned into event rows: one session id, ip, browser and channel per session."""

import numpy as np
import pyarrow as pa

from thelook.source import vocabulary as v
from thelook.source.arrays import (
    draw,
    integers,
    ip_addresses,
    labels,
    positions,
    timestamps,
    uuids,
)
from thelook.source.product_catalogue import Catalogue
from thelook.source.users import Places


def session_events(
    rng: np.random.Generator,
    catalogue: Catalogue,
    places: Places,
    *,
    first_id: int,
    user_id: np.ndarray | None,
    place: np.ndarray,
    walk_length: np.ndarray,
    event_type: np.ndarray,
    product_row: np.ndarray,
    created_at: np.ndarray,
) -> pa.Table:
    """Events for sessions laid end to end; per-session arrays have one entry a session and
    per-event arrays one an event. `user_id` None makes the sessions anonymous."""
    n_sessions, n_events = len(walk_length), len(event_type)
    session = pa.array(np.repeat(np.arange(n_sessions), walk_length))
    user = (
        pa.nulls(n_events, pa.int64())
        if user_id is None
        else integers(np.repeat(user_id, walk_length))
    )
    event_place = pa.array(np.repeat(place, walk_length))
    return pa.table(
        {
            "id": np.arange(first_id, first_id + n_events, dtype=np.int64),
            "user_id": user,
            "sequence_number": positions(walk_length) + 1,
            "session_id": uuids(rng, n_sessions).take(session),
            "created_at": timestamps(created_at),
            "ip_address": ip_addresses(rng, n_sessions).take(session),
            "city": places.city.take(event_place),
            "state": places.state.take(event_place),
            "postal_code": places.postal_code.take(event_place),
            "browser": labels(draw(rng, v.BROWSER_WEIGHTS, n_sessions), v.BROWSERS).take(session),
            "traffic_source": labels(
                draw(rng, v.EVENT_TRAFFIC_WEIGHTS, n_sessions), v.EVENT_TRAFFIC_SOURCES
            ).take(session),
            "uri": labels(catalogue.page_codes(event_type, product_row), catalogue.pages),
            "event_type": labels(event_type, v.EVENT_TYPES),
        }
    )
