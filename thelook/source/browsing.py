"""`thelook generate --browsing`: behaviour the live data lacks, planted on purpose.

In the live data a registered user views products only in the session that buys them, items are
drawn uniformly within the buyer's department, and nothing but tenure predicts the next order.
This mode plants four effects, so that a propensity or cross-sell model has a known signal to
find; everything else follows the faithful generator.

1. Engagement: each user has an engagement level (Gamma with mean 1, ENGAGEMENT_SHAPE). The
   number of orders a user places is drawn as usual, then handed out by a noisy ranking of
   engagement: the more engaged browse more and buy more, and the distribution of orders per
   user is unchanged.
2. Browsing before buying: before an order, with PREVIEW_PROBABILITY, the user has 1 to
   MAX_PREVIEW_SESSIONS sessions in the PREVIEW_DAYS days before it, viewing products of the
   category the order then buys, sometimes putting one in the cart; none buys.
3. Background browsing: BACKGROUND_SESSIONS_PER_YEAR sessions a year of membership, times the
   engagement level, at random times, viewing products of random categories of the department.
4. Affinity: every item of a user's later orders comes, with AFFINE_SHARE, from one of the two
   categories AFFINE lists for the category of the user's first item, in the same department.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from thelook.source import vocabulary as v
from thelook.source.arrays import MICROS_PER_DAY, MICROS_PER_SECOND, cumulative_within, positions
from thelook.source.product_catalogue import Catalogue
from thelook.source.sessions import session_events
from thelook.source.users import Places, UserBlock

ENGAGEMENT_SHAPE = 2.0
ENGAGEMENT_RANK_NOISE = 0.5  # standard deviation added to log engagement before ranking
PREVIEW_PROBABILITY = 0.6
MAX_PREVIEW_SESSIONS = 3
PREVIEW_DAYS = 21
BACKGROUND_SESSIONS_PER_YEAR = 1.5
MAX_VIEWS_PER_SESSION = 3
CART_PROBABILITY = 0.3
STEP_SECONDS = 120
AFFINE_SHARE = 0.5

# Category -> the two categories of the same department its buyers later favour.
AFFINE: dict[str, dict[str, tuple[str, str]]] = {
    "Women": {
        "Intimates": ("Sleep & Lounge", "Socks & Hosiery"),
        "Tops & Tees": ("Jeans", "Shorts"),
        "Fashion Hoodies & Sweatshirts": ("Leggings", "Active"),
        "Sweaters": ("Skirts", "Pants & Capris"),
        "Swim": ("Shorts", "Accessories"),
        "Jeans": ("Tops & Tees", "Blazers & Jackets"),
        "Sleep & Lounge": ("Intimates", "Socks & Hosiery"),
        "Accessories": ("Dresses", "Swim"),
        "Shorts": ("Tops & Tees", "Swim"),
        "Dresses": ("Accessories", "Blazers & Jackets"),
        "Active": ("Leggings", "Socks & Hosiery"),
        "Outerwear & Coats": ("Sweaters", "Jeans"),
        "Pants & Capris": ("Sweaters", "Blazers & Jackets"),
        "Maternity": ("Sleep & Lounge", "Leggings"),
        "Socks & Hosiery": ("Intimates", "Skirts"),
        "Blazers & Jackets": ("Suits", "Pants & Capris"),
        "Skirts": ("Sweaters", "Socks & Hosiery"),
        "Leggings": ("Active", "Fashion Hoodies & Sweatshirts"),
        "Plus": ("Dresses", "Leggings"),
        "Suits": ("Blazers & Jackets", "Skirts"),
        "Jumpsuits & Rompers": ("Accessories", "Swim"),
        "Clothing Sets": ("Sleep & Lounge", "Accessories"),
    },
    "Men": {
        "Tops & Tees": ("Shorts", "Jeans"),
        "Fashion Hoodies & Sweatshirts": ("Active", "Pants"),
        "Sweaters": ("Outerwear & Coats", "Pants"),
        "Shorts": ("Tops & Tees", "Swim"),
        "Swim": ("Shorts", "Accessories"),
        "Jeans": ("Tops & Tees", "Outerwear & Coats"),
        "Sleep & Lounge": ("Underwear", "Socks"),
        "Accessories": ("Suits & Sport Coats", "Swim"),
        "Underwear": ("Socks", "Sleep & Lounge"),
        "Pants": ("Sweaters", "Accessories"),
        "Outerwear & Coats": ("Sweaters", "Jeans"),
        "Active": ("Fashion Hoodies & Sweatshirts", "Socks"),
        "Socks": ("Underwear", "Active"),
        "Suits & Sport Coats": ("Accessories", "Pants"),
    },
}

BROWSE = v.code(v.EVENT_TYPES, "department")
VIEW = v.code(v.EVENT_TYPES, "product")
CART = v.code(v.EVENT_TYPES, "cart")


@dataclass(frozen=True)
class Categories:
    """The catalogue's products grouped by (department, category), with the affine pairs as
    indices into that grouping."""

    of_product: np.ndarray  # group index of each product row
    products: tuple[np.ndarray, ...]  # product rows of each group
    department: np.ndarray  # department code of each group
    affine: np.ndarray  # (groups, 2): the affine groups of each group

    @classmethod
    def build(cls, catalogue: Catalogue) -> "Categories":
        department = catalogue.products["department"].to_numpy(zero_copy_only=False)
        category = catalogue.products["category"].to_numpy(zero_copy_only=False)
        keys = sorted(set(zip(department, category, strict=True)))
        index = {key: number for number, key in enumerate(keys)}
        of_product = np.array([index[key] for key in zip(department, category, strict=True)])
        return cls(
            of_product,
            tuple(np.flatnonzero(of_product == number) for number in range(len(keys))),
            np.array([v.DEPARTMENTS.index(name) for name, _ in keys]),
            np.array(
                [[index[(name, other)] for other in AFFINE[name][group]] for name, group in keys]
            ),
        )

    def pick(self, rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
        """A uniformly drawn product row of each given group."""
        rows = np.empty(len(groups), dtype=np.int64)
        for group in np.unique(groups):
            chosen = groups == group
            candidates = self.products[group]
            rows[chosen] = candidates[rng.integers(len(candidates), size=chosen.sum())]
        return rows

    def random_in(self, rng: np.random.Generator, department: np.ndarray) -> np.ndarray:
        """A uniformly drawn group of each given department code."""
        groups = np.empty(len(department), dtype=np.int64)
        for code in np.unique(department):
            chosen = department == code
            candidates = np.flatnonzero(self.department == code)
            groups[chosen] = candidates[rng.integers(len(candidates), size=chosen.sum())]
        return groups


def engagement(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.gamma(ENGAGEMENT_SHAPE, 1 / ENGAGEMENT_SHAPE, size=size)


def orders_by_engagement(
    rng: np.random.Generator, orders_per_user: np.ndarray, engaged: np.ndarray
) -> np.ndarray:
    """The same order counts, handed out so that more engaged users get more of them."""
    noisy = np.log(engaged) + rng.normal(0, ENGAGEMENT_RANK_NOISE, size=len(engaged))
    counts = np.empty_like(orders_per_user)
    counts[np.argsort(noisy, kind="stable")] = np.sort(orders_per_user, kind="stable")
    return counts


def steer_to_affine(
    rng: np.random.Generator,
    categories: Categories,
    product_row: np.ndarray,
    item_buyer: np.ndarray,
    item_ordered_at: np.ndarray,
) -> np.ndarray:
    """Product rows with items of each buyer's later orders moved, with AFFINE_SHARE, to an
    affine category of the buyer's first item."""
    # Items in order of buyer, then time: the first item of each buyer is its anchor.
    order = np.lexsort((np.arange(len(item_buyer)), item_ordered_at, item_buyer))
    buyer_sorted = item_buyer[order]
    is_first = np.r_[True, buyer_sorted[1:] != buyer_sorted[:-1]]
    anchor_sorted = np.maximum.accumulate(np.where(is_first, np.arange(len(order)), 0))
    anchor = np.empty(len(order), dtype=np.int64)
    anchor[order] = order[anchor_sorted]
    later = item_ordered_at > item_ordered_at[anchor]
    moved = later & (rng.random(len(product_row)) < AFFINE_SHARE)
    anchor_group = categories.of_product[product_row[anchor[moved]]]
    target = categories.affine[anchor_group, rng.integers(2, size=moved.sum())]
    steered = product_row.copy()
    steered[moved] = categories.pick(rng, target)
    return steered


def browsing_events(
    rng: np.random.Generator,
    catalogue: Catalogue,
    categories: Categories,
    places: Places,
    users: UserBlock,
    engaged: np.ndarray,
    orders: tuple[np.ndarray, np.ndarray, np.ndarray],
    now: np.datetime64,
    first_id: int,
) -> pa.Table:
    """Sessions that view and sometimes cart, never buy: before orders (`orders` is each order's
    buyer row, time and first item's product row) and in the background."""
    buyer, ordered_at, first_product = orders
    previewed = rng.random(len(buyer)) < PREVIEW_PROBABILITY
    previews = np.where(previewed, rng.integers(1, MAX_PREVIEW_SESSIONS + 1, len(buyer)), 0)
    preview_user = np.repeat(buyer, previews)
    preview_start = np.repeat(ordered_at, previews) - (
        rng.random(previews.sum()) * PREVIEW_DAYS * MICROS_PER_DAY
    ).astype(np.int64)
    preview_group = categories.of_product[np.repeat(first_product, previews)]

    now_us = now.astype("datetime64[us]").astype(np.int64)
    years = (now_us - users.created_at) / (365.25 * MICROS_PER_DAY)
    background = rng.poisson(BACKGROUND_SESSIONS_PER_YEAR * engaged * years)
    background_user = np.repeat(np.arange(len(users.ids)), background)
    signed_up = users.created_at[background_user]
    background_start = signed_up + (rng.random(len(background_user)) * (now_us - signed_up)).astype(
        np.int64
    )
    background_group = categories.random_in(rng, users.gender[background_user])

    user = np.concatenate([preview_user, background_user])
    start = np.maximum(np.concatenate([preview_start, background_start]), users.created_at[user])
    group = np.concatenate([preview_group, background_group])
    return _sessions(
        rng, catalogue, categories, places, users, user, start, group, now_us, first_id
    )


def _sessions(
    rng: np.random.Generator,
    catalogue: Catalogue,
    categories: Categories,
    places: Places,
    users: UserBlock,
    user: np.ndarray,
    start: np.ndarray,
    group: np.ndarray,
    now_us: int,
    first_id: int,
) -> pa.Table:
    """A department page, 1 to MAX_VIEWS_PER_SESSION product views of the group, and a cart
    event with CART_PROBABILITY, per session."""
    views = rng.integers(1, MAX_VIEWS_PER_SESSION + 1, size=len(user))
    carted = rng.random(len(user)) < CART_PROBABILITY
    walk_length = 1 + views + carted
    step = positions(walk_length)
    session_of_event = np.repeat(np.arange(len(user)), walk_length)
    is_cart = carted[session_of_event] & (step == walk_length[session_of_event] - 1)
    event_type = np.where(step == 0, BROWSE, np.where(is_cart, CART, VIEW))
    product_row = categories.pick(rng, group[session_of_event])
    gaps = rng.integers(0, STEP_SECONDS * MICROS_PER_SECOND, size=len(step))
    gaps[step == 0] = 0
    created_at = np.minimum(
        start[session_of_event] + cumulative_within(gaps, walk_length), now_us - 1
    )
    return session_events(
        rng,
        catalogue,
        places,
        first_id=first_id,
        user_id=users.ids[user],
        place=users.place[user],
        walk_length=walk_length,
        event_type=event_type,
        product_row=product_row,
        created_at=created_at,
    )
