"""Vectorized building blocks: weighted draws, grouped positions, and Arrow columns."""

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MICROS_PER_SECOND = 1_000_000
MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND


def draw(rng: np.random.Generator, weights: Sequence[float], size: int) -> np.ndarray:
    """Indices into `weights`, drawn with those (not necessarily normalized) weights."""
    cumulative = np.cumsum(weights, dtype=float)
    return np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")


def positions(counts: np.ndarray) -> np.ndarray:
    """0, 1, ... within each group, for groups of the given sizes laid end to end."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(counts.sum()) - starts


def cumulative_within(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Running sum of `values` that restarts at each group of the given sizes."""
    running = np.cumsum(values)
    group_end = np.cumsum(counts)
    before_group = np.repeat(running[group_end - counts] - values[group_end - counts], counts)
    return running - before_group


def labels(codes: np.ndarray, vocabulary: Sequence[str] | pa.Array) -> pa.DictionaryArray:
    """A string column whose values are `vocabulary[codes]`, without materializing the strings."""
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(vocabulary))


def timestamps(micros: np.ndarray, present: np.ndarray | None = None) -> pa.Array:
    """UTC timestamps from microseconds since the epoch; NULL where `present` is False."""
    mask = None if present is None else ~present
    return pa.array(micros, pa.int64(), mask=mask).cast(pa.timestamp("us", tz="UTC"))


def integers(values: np.ndarray, present: np.ndarray | None = None) -> pa.Array:
    mask = None if present is None else ~present
    return pa.array(values, pa.int64(), mask=mask)


def joined(*parts: pa.Array | str, separator: str = "") -> pa.Array:
    """Element-wise string concatenation of columns and constant strings."""
    return pc.binary_join_element_wise(*(_as_text(part) for part in parts), separator)


def _as_text(part: pa.Array | str) -> pa.Array | str:
    if isinstance(part, str):
        return part
    if pa.types.is_dictionary(part.type):
        part = part.dictionary_decode()
    return part if pa.types.is_string(part.type) else part.cast(pa.string())


def uuids(rng: np.random.Generator, size: int) -> pa.Array:
    """Random version-4 UUID strings, as the live generator gives each session."""
    raw = np.frombuffer(rng.bytes(16 * size), dtype=np.uint8).reshape(size, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hex_digits = pa.array(np.frombuffer(raw.tobytes().hex().encode(), dtype="S32")).cast(
        pa.string()
    )
    pieces = [
        pc.utf8_slice_codeunits(hex_digits, start, stop)
        for start, stop in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))
    ]
    return pc.binary_join_element_wise(*pieces, "-")


def ip_addresses(rng: np.random.Generator, size: int) -> pa.Array:
    octets = rng.integers(1, 255, size=(4, size))
    return joined(*(pa.array(octet) for octet in octets), separator=".")
