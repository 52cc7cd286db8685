"""The course's index: where Minsk stood between Moscow (-1) and the West (+1), per domain
and year. Every weight is an argument, so a learner can change the method and see the
picture move, and rebuild one year by hand.

In points (Moscow's side counts minus, the West's plus):

1. **Memberships.** Each organisation Belarus belonged to on 1 July counts its *depth* in
   its domain (the sides table: 3 an alliance or union with joint forces or common bodies,
   2 a treaty organisation, 1 cooperation, 0 a forum of both sides). Of several
   organisations of one side in one domain, the deepest counts: the Customs Union inside
   EurAsEC adds nothing new.
2. **Ties.** Each lasting tie of Belarus in force that year (``relations.csv``) counts the
   depth of its type times its strength out of 3, toward the other side's end; a hostile
   tie (distrust, pressure, war) counts the other way. A tie with an organisation Belarus
   belongs to is its membership and is not counted again; a tie only the 2016 article
   reports is left out.
3. **Moves.** Each event whose mover counts (Minsk's own acts by default) adds its tilt
   (-1, 0 or +1) times the weight of its strength; a year's moves carry over to the next
   at the *memory* share, so they fade. Acts of Belarusian society are off this axis.
4. **Position** = points / (halfway points + the points without their sign): it nears -1
   or +1 as the points pile up and never passes the end, and the *halfway* number of
   points puts it at -0.5 or +0.5.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pandas as pd

from .._checks import number_between, one_of, some_of, year_between
from ..course import FIRST_STATE_YEAR, LAST_YEAR, labels
from ..data import data_version
from ..errors import LessonError, Problem
from ..tables import load_actors, load_events, load_memberships, load_relations, load_sides

__all__ = ["DOMAINS", "KEY_YEARS", "MINSK_OWN", "balance_index", "baseline_parts",
           "baseline_points", "index_band", "index_bands", "position"]

# The course's domains (course.DOMAINS), in the order the index's columns show them.
DOMAINS = ("political", "economic", "security")
# Diplomatic events count toward the political position: both are about words and ties,
# not armies or money.
DOMAIN_OF_CATEGORY = {"political": "political", "diplomatic": "political",
                      "economic": "economic", "security": "security"}
# Society's acts (tilt "society") are on an axis of their own and count nothing here.
TILT_VALUE = {"toward_moscow": -1.0, "balancing": 0.0, "toward_west": 1.0}
SIDE_SIGN = {"west": 1, "moscow": -1, "neither": 0}
# How deep each kind of tie binds, on the memberships' scale (an alliance as deep as the
# CSTO); hostile ties count the other way.
TIE_DEPTH = {"alliance": 3.0, "dependence": 2.0, "cooperation": 1.0, "dialogue": 0.5,
             "distrust": -0.5, "pressure": -1.0, "war": -3.0}
# The course's settings, each an argument the explorer lets a learner change.
DEFAULT_STRENGTH_WEIGHTS = {1: 0.5, 2: 1.0, 3: 1.5}
DEFAULT_MEMORY = 0.7
DEFAULT_HALFWAY = 4.0

# Whose acts the index counts by default: Minsk's own, alone or with others.
MINSK_OWN = ("minsk", "joint")
# Society's acts are off the axis, so the index offers only the others.
MOVERS = {m: label for m, label in labels("events", "mover").items() if m != "society"}
YEARS = range(FIRST_STATE_YEAR, LAST_YEAR + 1)
KEY_YEARS = (1994, 1997, 2003, 2008, 2012, 2016, 2019, 2021, 2024)


def position(points: float, halfway: float = DEFAULT_HALFWAY) -> float:
    """Points on the scale from -1 (Moscow) to +1 (the West): halfway points give ±0.5.

    >>> position(-4), position(12), position(0)
    (-0.5, 0.75, 0.0)
    """
    return points / (halfway + abs(points))


def baseline_parts(year: int | None = None, domain: str | None = None, *,
                   memberships: pd.DataFrame | None = None,
                   relations: pd.DataFrame | None = None,
                   sides: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every lasting link of Belarus (per year and domain, or in one), with its points and
    whether it counts, and if not why: the table a learner adds up to rebuild a baseline.

    >>> parts = baseline_parts(1997, "security")
    >>> parts[["link", "points", "counts"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['member of the CSTO', -3.0, True],
     ['member of the Partnership for Peace', 1.0, True],
     ['Russia: alliance, strength 2', -2.0, True],
     ['NATO: dialogue, strength 1', 0.17, True]]
    """
    memberships = load_memberships() if memberships is None else memberships
    relations = load_relations() if relations is None else relations
    sides = (load_sides() if sides is None else sides).set_index("actor_id")
    rows = _membership_parts(memberships, sides) + _tie_parts(relations, sides, memberships)
    parts = pd.DataFrame(rows, columns=["year", "domain", "kind", "link", "points", "counts",
                                        "why_not"])
    if year is not None:
        year = year_between("year", year, FIRST_STATE_YEAR, LAST_YEAR)
        parts = parts[parts["year"] == year]
    if domain is not None:
        parts = parts[parts["domain"] == one_of("domain", domain, DOMAINS, optional=False)]
    return parts.reset_index(drop=True)


def baseline_points(memberships: pd.DataFrame | None = None,
                    relations: pd.DataFrame | None = None,
                    sides: pd.DataFrame | None = None) -> pd.DataFrame:
    """The points of Belarus's lasting links per year and domain, in two parts: its
    memberships (``*_memberships``) and its ties (``*_ties``), and their sum (the domain's
    name). Minus is Moscow's side, plus the West's. :func:`baseline_parts` lists them.

    >>> base = baseline_points().set_index("year")
    >>> base.loc[1997, ["security_memberships", "security_ties", "security"]].tolist()
    [-2.0, -1.83, -3.83]
    """
    parts = baseline_parts(memberships=memberships, relations=relations, sides=sides)
    counted = parts[parts["counts"]].groupby(["year", "kind", "domain"])["points"].sum()
    rows = []
    for year in YEARS:
        row = {"year": year}
        for domain in DOMAINS:
            member = counted.get((year, "membership", domain), 0.0)
            tie = counted.get((year, "tie", domain), 0.0)
            row[domain] = round(member + tie, 2)
            row[f"{domain}_memberships"] = round(member, 2)
            row[f"{domain}_ties"] = round(tie, 2)
        rows.append(row)
    return pd.DataFrame(rows)


def _belonging(memberships: pd.DataFrame, year: int) -> list[str]:
    """The organisations Belarus belonged to on 1 July of ``year``, in the table's order."""
    mid_year = pd.Timestamp(f"{year}-07-01")
    own = memberships[(memberships["actor_id"] == "blr") & (memberships["joined"] <= mid_year)]
    return [org for org, left in zip(own["organisation_id"], own["left"], strict=True)
            if pd.isna(left) or left > mid_year]


def _membership_parts(memberships: pd.DataFrame, sides: pd.DataFrame) -> list[tuple]:
    own = set(memberships.loc[memberships["actor_id"] == "blr", "organisation_id"])
    missing = sorted(own - set(sides.dropna(subset=["depth"]).index))
    if missing:
        raise LessonError(Problem(
            "an organisation Belarus belongs to has no depth in the sides table", file=
            "sides.csv", column="depth", found=", ".join(missing),
            expected="a row with its side, the domain its membership counts in and a depth "
                     "from 0 to 3"))
    side, domain_of, depth = (sides[c].to_dict() for c in ("side", "domain", "depth"))
    names = _short_names()
    rows = []
    for year in YEARS:
        orgs = _belonging(memberships, year)
        # Of one side's organisations in one domain, the deepest counts (the first listed
        # of equals): an organisation inside another adds nothing new.
        deepest = {}
        for org in orgs:
            key = (domain_of[org], SIDE_SIGN[side[org]])
            if key not in deepest or float(depth[org]) > float(depth[deepest[key]]):
                deepest[key] = org
        for org in orgs:
            sign = SIDE_SIGN[side[org]]
            counts = sign != 0 and deepest[domain_of[org], sign] == org
            why = ("on neither side" if sign == 0 else "" if counts else
                   "a deeper organisation of the same side counts")
            rows.append((year, domain_of[org], "membership", f"member of the {names[org]}",
                         sign * float(depth[org]), counts, why))
    return rows


def _tie_parts(relations: pd.DataFrame, sides: pd.DataFrame,
               memberships: pd.DataFrame) -> list[tuple]:
    side_of = sides["side"].to_dict()
    names = _short_names()
    belongs = {year: set(_belonging(memberships, year)) for year in YEARS}
    rows = []
    for tie in relations.itertuples():
        if "blr" not in (tie.from_actor, tie.to_actor):
            continue
        other = tie.to_actor if tie.from_actor == "blr" else tie.from_actor
        points = round(SIDE_SIGN[side_of.get(other, "neither")] * TIE_DEPTH[tie.type]
                       * int(tie.strength) / 3, 2)
        link = f"{names.get(other, other)}: {tie.type}, strength {tie.strength}"
        for year in range(max(int(tie.valid_from), YEARS.start),
                          min(int(tie.valid_to), YEARS.stop - 1) + 1):
            why = ("reported only by the 2016 article" if tie.article_only else
                   "counted as the membership" if other in belongs[year] else
                   "on neither side" if points == 0 else "")
            rows.append((year, tie.domain, "tie", link, points, not why, why))
    return rows


def _short_names() -> dict[str, str]:
    """'Collective Security Treaty Organization (CSTO)' -> 'CSTO'."""
    actors = load_actors()
    return {a: n[n.rindex("(") + 1:-1] if n.endswith(")") and "(" in n else n
            for a, n in zip(actors["actor_id"], actors["name"], strict=True)}


def balance_index(events: pd.DataFrame | None = None, *, strength_weights=None,
                  memory: float = DEFAULT_MEMORY, halfway: float = DEFAULT_HALFWAY,
                  movers=MINSK_OWN, baseline: bool = True,
                  balancing_value: float = 0.0) -> pd.DataFrame:
    """Where Minsk stood between Moscow (-1) and the West (+1), per domain and year.

    The module's docstring says how, in four steps. Returned per year and domain: the
    position (``political`` ...), its ``*_baseline`` points (memberships and ties) and
    ``*_moves`` points (the fading events), the number of events counted (``n_*``),
    ``balancing`` (how many balancing moves Minsk made: the hedging positions cannot
    see), and a ``note`` for quiet years. Positions are rounded to two decimals, points
    to one.

    Examples
    --------
    >>> index = balance_index()
    >>> list(index.columns)[:4]
    ['year', 'political', 'economic', 'security']
    >>> bool(index["security"].between(-1, 1).all())
    True
    """
    weights = dict(DEFAULT_STRENGTH_WEIGHTS if strength_weights is None else strength_weights)
    if set(weights) != set(DEFAULT_STRENGTH_WEIGHTS):
        raise LessonError(Problem('"strength_weights" needs a weight for each strength',
                                  found=repr(sorted(weights)),
                                  expected="a dict with the keys 1, 2 and 3, e.g. "
                                           "{1: 0.5, 2: 1, 3: 1.5}"))
    for strength, weight in weights.items():
        number_between(f"strength_weights[{strength}]", weight, 0, 10)
    memory = number_between("memory", memory, 0, 1)
    halfway = number_between("halfway", halfway, 0.5, 50)
    balancing_value = number_between("balancing_value", balancing_value, -1, 1)
    movers = tuple(some_of("movers", movers, MOVERS) or ())
    events = load_events() if events is None else events
    base = _base_array() if baseline else np.zeros((len(YEARS), len(DOMAINS)))
    tallies = _tallies(events, movers)
    moves = _moves(tallies, weights, memory, balancing_value)
    return _frame(base, moves, tallies, halfway)


def _base_array() -> np.ndarray:
    """Baseline points, years × domains: computed once for each state of the data (an
    explorer recomputes the index on every change of its sliders)."""
    return _base_for(data_version()).copy()


@functools.lru_cache(maxsize=4)
def _base_for(_version: tuple) -> np.ndarray:
    return baseline_points()[list(DOMAINS)].to_numpy()


def _tallies(events: pd.DataFrame, movers: tuple) -> dict[str, np.ndarray]:
    """How many counted events each year had, by domain, tilt and strength: the moves
    are these counts times the weights, so the band's 27 settings reuse them."""
    counted = events
    if "mover" in events.columns:
        counted = events[events["mover"].isin(movers)]
    tilt_counts = np.zeros((len(YEARS), len(DOMAINS), 3, 3))  # year, domain, tilt, strength
    tilts = {"toward_moscow": 0, "balancing": 1, "toward_west": 2}
    for event in counted.itertuples():
        year = event.date.year
        if not YEARS.start <= year < YEARS.stop or event.tilt not in tilts:
            continue
        tilt_counts[year - YEARS.start, DOMAINS.index(DOMAIN_OF_CATEGORY[event.category]),
                    tilts[event.tilt], int(event.tilt_strength) - 1] += 1
    return {"counts": tilt_counts}


def _moves(tallies: dict, weights: dict, memory: float, balancing_value: float
           ) -> np.ndarray:
    """Fading move points, years × domains."""
    tilt_values = np.array([-1.0, balancing_value, 1.0])
    strength_weights = np.array([weights[1], weights[2], weights[3]], dtype=float)
    yearly = np.einsum("ydts,t,s->yd", tallies["counts"], tilt_values, strength_weights)
    moves = np.zeros_like(yearly)
    level = np.zeros(len(DOMAINS))
    for i in range(len(YEARS)):
        level = memory * level + yearly[i]
        moves[i] = level
    return moves


def _total(base: np.ndarray, moves: np.ndarray) -> np.ndarray:
    """The points of a year: both parts to one decimal, as the tables show them, so that a
    learner who adds them by hand gets the course's number."""
    return np.round(base, 1) + np.round(moves, 1)


def _frame(base: np.ndarray, moves: np.ndarray, tallies: dict, halfway: float
           ) -> pd.DataFrame:
    total = _total(base, moves)
    positions = total / (halfway + np.abs(total))
    counts = tallies["counts"]
    data: dict[str, object] = {"year": list(YEARS)}
    for d, domain in enumerate(DOMAINS):
        data[domain] = np.round(positions[:, d], 2)
    for d, domain in enumerate(DOMAINS):
        data[f"{domain}_baseline"] = np.round(base[:, d], 1)
        data[f"{domain}_moves"] = np.round(moves[:, d], 1)
    for d, domain in enumerate(DOMAINS):
        data[f"n_{domain}"] = counts[:, d].sum(axis=(1, 2)).astype(int)
    data["balancing"] = counts[:, :, 1, :].sum(axis=(1, 2)).astype(int)
    quiet = counts.sum(axis=(1, 2, 3)) == 0
    data["note"] = np.where(quiet, "no counted events: the moves only fade", "")
    return pd.DataFrame(data)


# Reasonable settings a learner might choose: the band shows how much the answer depends
# on them. Weights: the course's, all equal, and steep.
BAND_SETTINGS = {
    "memory": (0.5, 0.7, 0.9),
    "halfway": (3.0, 4.0, 6.0),
    "strength_weights": ({1: 0.5, 2: 1.0, 3: 1.5}, {1: 1.0, 2: 1.0, 3: 1.0},
                         {1: 0.5, 2: 1.5, 3: 4.5}),
}


def index_bands(*, movers=MINSK_OWN) -> pd.DataFrame:
    """For every year and domain, the lowest and highest position across the 27 reasonable
    settings of ``BAND_SETTINGS``, and whether the index can place it: ``placed`` is
    "Moscow" or "West" when the whole band is on one side of 0, "middle" when every
    setting gives exactly 0 (no link and no move either way), "cannot say" when the band
    covers both sides.

    >>> bands = index_bands().set_index(["year", "domain"])
    >>> bands.loc[(2022, "security"), "placed"]
    'Moscow'
    """
    movers = tuple(some_of("movers", movers, MOVERS) or ())
    tallies = _tallies(load_events(), movers)
    base = _base_array()
    low = np.full(base.shape, np.inf)
    high = np.full(base.shape, -np.inf)
    for memory, halfway, weights in itertools.product(*BAND_SETTINGS.values()):
        total = _total(base, _moves(tallies, weights, memory, 0.0))
        positions = np.round(total / (halfway + np.abs(total)), 2)
        low, high = np.minimum(low, positions), np.maximum(high, positions)
    rows = []
    for i, year in enumerate(YEARS):
        for d, domain in enumerate(DOMAINS):
            placed = ("Moscow" if high[i, d] < 0 else "West" if low[i, d] > 0
                      else "middle" if low[i, d] == high[i, d] == 0 else "cannot say")
            rows.append({"year": year, "domain": domain, "low": low[i, d],
                         "high": high[i, d], "placed": placed})
    return pd.DataFrame(rows)


def index_band(year: int, *, movers=MINSK_OWN) -> pd.DataFrame:
    """The lowest and highest position of each domain in ``year`` across the reasonable
    settings (27 runs): how sure the index can be about that year.

    >>> band = index_band(2016)
    >>> list(band.columns), bool((band["low"] <= band["high"]).all())
    (['domain', 'low', 'high', 'placed'], True)
    """
    year = year_between("year", year, FIRST_STATE_YEAR, LAST_YEAR)
    bands = index_bands(movers=movers)
    return bands[bands["year"] == year].drop(columns="year").reset_index(drop=True)
