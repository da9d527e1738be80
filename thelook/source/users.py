"""Users: who signs up, from where, through which channel."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker.providers.person.en_US import Provider as EnglishNames

from thelook.source import vocabulary as v
from thelook.source.arrays import (
    MICROS_PER_DAY,
    draw,
    joined,
    labels,
    timestamps,
)
from thelook.source.reference import (
    EMAIL_DOMAINS,
    PLACES,
    STREET_NAMES,
    STREET_SUFFIXES,
)


@dataclass(frozen=True)
class Names:
    """Faker's en_US name lists with their weights, as the live generator draws names; drawn
    here as whole columns (a Faker call per row would take minutes at ten million users)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return draw(rng, self.weights, size)


MALE_NAMES = Names(
    tuple(EnglishNames.first_names_male), tuple(EnglishNames.first_names_male.values())
)
FEMALE_NAMES = Names(
    tuple(EnglishNames.first_names_female), tuple(EnglishNames.first_names_female.values())
)
LAST_NAMES = Names(tuple(EnglishNames.last_names), tuple(EnglishNames.last_names.values()))


@dataclass(frozen=True)
class Places:
    """Every city as one row; a user or an anonymous visitor is placed by drawing a row."""

    country: pa.Array
    city: pa.Array
    state: pa.Array
    postal_code: pa.Array
    latitude: np.ndarray
    longitude: np.ndarray
    weights: np.ndarray

    @classmethod
    def build(cls) -> "Places":
        rows = [
            (country, weight / len(cities), *city)
            for country, weight, cities in PLACES
            for city in cities
        ]
        country, weights, city, state, postal_code, latitude, longitude = zip(*rows, strict=True)
        return cls(
            pa.array(country),
            pa.array(city),
            pa.array(state),
            pa.array(postal_code),
            np.array(latitude),
            np.array(longitude),
            np.array(weights),
        )

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return draw(rng, self.weights, size)


@dataclass(frozen=True)
class UserBlock:
    """What later tables need to know about a block of users."""

    ids: np.ndarray
    gender: np.ndarray  # codes into vocabulary.GENDERS
    created_at: np.ndarray  # microseconds since the epoch
    place: np.ndarray  # codes into Places
    table: pa.Table


def generate_users(
    rng: np.random.Generator, first_id: int, size: int, now: np.datetime64, places: Places
) -> UserBlock:
    ids = np.arange(first_id, first_id + size, dtype=np.int64)
    gender = rng.integers(len(v.GENDERS), size=size)
    # Men's names are numbered first, then women's.
    first_name = labels(
        np.where(
            gender == v.code(v.GENDERS, "M"),
            MALE_NAMES.draw(rng, size),
            len(MALE_NAMES.names) + FEMALE_NAMES.draw(rng, size),
        ),
        MALE_NAMES.names + FEMALE_NAMES.names,
    )
    last_name = labels(LAST_NAMES.draw(rng, size), LAST_NAMES.names)
    # firstnamelastname@example.org, lower case and with no dot, as the live table has them.
    email = joined(
        first_name,
        last_name,
        "@",
        labels(rng.integers(len(EMAIL_DOMAINS), size=size), EMAIL_DOMAINS),
    )
    place = places.draw(rng, size)
    street_address = joined(
        pa.array(rng.integers(1, 9999, size=size)),
        " ",
        labels(rng.integers(len(STREET_NAMES), size=size), STREET_NAMES),
        " ",
        labels(rng.integers(len(STREET_SUFFIXES), size=size), STREET_SUFFIXES),
    )
    created_at = _signup_times(rng, size, now)
    latitude, longitude = places.latitude[place], places.longitude[place]
    table = pa.table(
        {
            "id": ids,
            "first_name": first_name,
            "last_name": last_name,
            "email": pc.utf8_lower(email),
            "age": rng.integers(v.USER_AGE_RANGE[0], v.USER_AGE_RANGE[1] + 1, size=size),
            "gender": labels(gender, v.GENDERS),
            "state": places.state.take(place),
            "street_address": street_address,
            "postal_code": places.postal_code.take(place),
            "city": places.city.take(place),
            "country": places.country.take(place),
            "latitude": latitude,
            "longitude": longitude,
            "traffic_source": labels(
                draw(rng, v.USER_TRAFFIC_WEIGHTS, size), v.USER_TRAFFIC_SOURCES
            ),
            "created_at": timestamps(created_at),
            "user_geom": joined("POINT(", pa.array(longitude), " ", pa.array(latitude), ")"),
        }
    )
    return UserBlock(ids, gender, created_at, place, table)


def _signup_times(rng: np.random.Generator, size: int, now: np.datetime64) -> np.ndarray:
    """Days uniform since 2019 (2.5% in the last week), always before 19:00 on the day."""
    today = now.astype("datetime64[D]").astype(np.int64)
    first_day = v.FIRST_SIGNUP.astype("datetime64[D]").astype(np.int64)
    recent = rng.random(size) < v.RECENT_SIGNUP_SHARE
    day = np.where(
        recent,
        today - rng.integers(1, 8, size=size),
        rng.integers(first_day, today, size=size),
    )
    time_of_day = rng.integers(0, v.SIGNUP_HOURS * MICROS_PER_DAY // 24, size=size)
    return day * MICROS_PER_DAY + time_of_day
