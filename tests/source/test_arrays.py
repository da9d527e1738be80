"""Properties of the vectorized building blocks."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from thelook.source.arrays import cumulative_within, draw, positions, uuids

group_sizes = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=40)


@given(group_sizes)
def test_positions_count_from_zero_in_each_group(sizes):
    counts = np.array(sizes)
    expected = np.concatenate([np.arange(n) for n in sizes])
    assert np.array_equal(positions(counts), expected)


@given(group_sizes, st.integers(min_value=0, max_value=2**32 - 1))
def test_cumulative_within_restarts_per_group(sizes, seed):
    counts = np.array(sizes)
    values = np.random.default_rng(seed).integers(0, 1000, size=counts.sum())
    starts = np.cumsum(counts) - counts
    expected = np.concatenate(
        [np.cumsum(values[s : s + n]) for s, n in zip(starts, counts, strict=True)]
    )
    assert np.array_equal(cumulative_within(values, counts), expected)


@given(st.lists(st.floats(min_value=0.01, max_value=10), min_size=1, max_size=8))
def test_draw_stays_in_range_and_follows_weights(weights):
    codes = draw(np.random.default_rng(0), weights, 20_000)
    assert codes.min() >= 0 and codes.max() < len(weights)
    shares = np.bincount(codes, minlength=len(weights)) / len(codes)
    assert np.allclose(shares, np.array(weights) / sum(weights), atol=0.02)


def test_uuids_are_version_four_and_distinct():
    values = uuids(np.random.default_rng(1), 1000).to_pylist()
    assert len(set(values)) == 1000
    assert all(len(v) == 36 and v[14] == "4" and v[19] in "89ab" for v in values)
