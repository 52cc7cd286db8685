"""The course's index: where Minsk stood between Moscow (-1) and the West (+1), per domain
and year, as a baseline of lasting ties plus the fading moves of events. Every weight is an
argument, so a learner can change the method and see the picture move.
"""

from __future__ import annotations

import pandas as pd

from .._checks import number_between, some_of, year_between
from ..course import FIRST_STATE_YEAR, LAST_YEAR, labels
from ..data import load_events, load_relations
from ..errors import LessonError, Problem

__all__ = ["DOMAINS", "KEY_YEARS", "MINSK_OWN", "balance_index", "baseline_positions",
           "index_band"]

# The course's domains (course.DOMAINS), in the order the index's columns show them.
DOMAINS = ("political", "economic", "security")
# Diplomatic events count toward the political position: both are about words and ties,
# not armies or money.
DOMAIN_OF_CATEGORY = {"political": "political", "diplomatic": "political",
                      "economic": "economic", "security": "security"}
TILT_VALUE = {"toward_moscow": -1.0, "balancing": 0.0, "toward_west": 1.0}
DEFAULT_STRENGTH_WEIGHTS = {1: 1.0, 2: 2.0, 3: 3.0}


# Whose acts the index counts by default: Minsk's own, alone or with others.
MINSK_OWN = ("minsk", "joint")
MOVERS = labels("events", "mover")
# For the baseline: which actors stand for the West and which for Moscow's side. A coding
# choice, stated once here (the datasheet explains it): China, the SCO and the OSCE are on
# neither side.
WESTERN_SIDE = {"nato", "eu", "usa", "gbr", "deu", "fra", "pol", "ltu", "lva", "est",
                "eastern_partnership", "partnership_for_peace"}
MOSCOW_SIDE = {"rus", "csto", "cis", "union_state", "eaeu"}
HOSTILE_TYPES = {"distrust", "pressure", "war"}
# A tie of strength 3 moves the baseline by 1/BASELINE_DIVISOR: two defining ties to one
# side put the baseline at the end of the scale.
BASELINE_DIVISOR = 2.0


def _side(actor: str) -> int:
    return 1 if actor in WESTERN_SIDE else -1 if actor in MOSCOW_SIDE else 0


def baseline_positions(relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where Minsk stood by its lasting ties alone, per domain and year (-1 Moscow, +1 West).

    Each relation of Belarus in force in a year counts once: a cooperative tie (alliance,
    cooperation, dialogue, dependence) pulls toward the other actor's side, a hostile one
    (distrust, pressure, war) pushes away from it, by its strength divided by 3; the sum
    is divided by 2 and kept between -1 and +1 (``beyond_*`` says where it would pass).

    >>> base = baseline_positions().set_index("year")
    >>> bool(base.loc[1997, "security"] < 0)  # the Collective Security Treaty in force
    True
    """
    relations = load_relations() if relations is None else relations
    years = range(FIRST_STATE_YEAR, LAST_YEAR + 1)
    totals = {(y, d): 0.0 for y in years for d in DOMAINS}
    # One pass over the ties (itertuples once): each adds its pull to every year it holds.
    for rel in relations.itertuples():
        if "blr" not in (rel.from_actor, rel.to_actor):
            continue
        other = rel.to_actor if rel.from_actor == "blr" else rel.from_actor
        pull = _side(other) * int(rel.strength) / 3
        pull = -pull if rel.type in HOSTILE_TYPES else pull
        for year in range(max(int(rel.valid_from), years.start),
                          min(int(rel.valid_to), years.stop - 1) + 1):
            totals[(year, rel.domain)] += pull
    rows = []
    for year in years:
        row = {"year": year}
        for domain in DOMAINS:
            row[domain], row[f"beyond_{domain}"] = _clip_flag(
                totals[(year, domain)] / BASELINE_DIVISOR)
        rows.append(row)
    return pd.DataFrame(rows)


def _clip_flag(raw: float) -> tuple[float, bool]:
    return round(max(-1.0, min(1.0, raw)), 2), abs(raw) > 1


def balance_index(events: pd.DataFrame | None = None, *, strength_weights=None,
                  memory: float = 0.7, scale: float = 10.0, movers=MINSK_OWN,
                  baseline: bool = True, balancing_value: float = 0.0) -> pd.DataFrame:
    """Where Minsk stood between Moscow (-1) and the West (+1), per domain and year.

    Position = **baseline** + **moves**, in plain words:

    1. The *baseline* is where Minsk's lasting ties put it that year (see
       :func:`baseline_positions`): memberships, alliances and dependence do not fade in
       quiet years. ``baseline=False`` leaves it out.
    2. The *moves* come from the events whose ``mover`` is in ``movers`` (default: Minsk's
       own acts, alone or jointly; add "moscow", "west", "neighbours" or "society" to count
       what others did to Minsk). Each event counts in one domain (political and
       diplomatic events in *political*); its move is its tilt (toward Moscow -1, balancing
       ``balancing_value``, toward the West +1) times the weight of its strength.
    3. Moves fade: a year's momentum is last year's times ``memory`` plus that year's
       moves, divided by ``scale``.
    4. Position = baseline + momentum, kept between -1 and +1; ``beyond`` names the domains
       where it would have passed the end of the scale, so nothing is cut silently.

    Also returned per year: each domain's ``*_baseline`` and ``*_moves`` (the momentum),
    the number of events counted (``n_*``), ``balancing`` (how many balancing moves Minsk
    made: the hedging the index itself cannot see), and a ``note`` for quiet years.
    Values are rounded to two decimals.

    Examples
    --------
    >>> index = balance_index()
    >>> list(index.columns)[:4]
    ['year', 'political', 'economic', 'security']
    >>> bool(index["security"].between(-1, 1).all())
    True
    """
    events = load_events() if events is None else events
    weights = dict(DEFAULT_STRENGTH_WEIGHTS if strength_weights is None else strength_weights)
    if set(weights) != set(DEFAULT_STRENGTH_WEIGHTS):
        raise LessonError(Problem('"strength_weights" needs a weight for each strength',
                                  found=repr(sorted(weights)),
                                  expected="a dict with the keys 1, 2 and 3, e.g. "
                                           "{1: 1, 2: 2, 3: 3}"))
    for strength, weight in weights.items():
        number_between(f"strength_weights[{strength}]", weight, 0, 10)
    memory = number_between("memory", memory, 0, 1)
    scale = number_between("scale", scale, 0.1, 100)
    balancing_value = number_between("balancing_value", balancing_value, -1, 1)
    movers = some_of("movers", movers, MOVERS) or []
    base = baseline_positions().set_index("year") if baseline else None
    return _index_from(events, base, weights, memory, scale, movers, balancing_value)


def _index_from(events: pd.DataFrame, base: pd.DataFrame | None, weights: dict,
                memory: float, scale: float, movers: list, balancing_value: float
                ) -> pd.DataFrame:
    """The index from checked arguments and a baseline computed once (see index_band)."""
    values = dict(TILT_VALUE, balancing=balancing_value)
    if "mover" in events.columns:
        events = events[events["mover"].isin(movers)]

    years = range(FIRST_STATE_YEAR, LAST_YEAR + 1)
    moves = {d: dict.fromkeys(years, 0.0) for d in DOMAINS}
    counts = {d: dict.fromkeys(years, 0) for d in DOMAINS}
    hedges = dict.fromkeys(years, 0)
    for event in events.itertuples():
        year = event.date.year
        if not FIRST_STATE_YEAR <= year <= LAST_YEAR:
            continue
        domain = DOMAIN_OF_CATEGORY[event.category]
        moves[domain][year] += values[event.tilt] * weights[int(event.tilt_strength)]
        counts[domain][year] += 1
        hedges[year] += event.tilt == "balancing"
    rows, level = [], dict.fromkeys(DOMAINS, 0.0)
    for year in years:
        row, beyond = {"year": year}, []
        for domain in DOMAINS:
            level[domain] = memory * level[domain] + moves[domain][year]
            start = float(base.loc[year, domain]) if base is not None else 0.0
            row[domain], passed = _clip_flag(start + level[domain] / scale)
            row[f"{domain}_baseline"] = round(start, 2)
            row[f"{domain}_moves"] = round(level[domain] / scale, 2)
            if passed:
                beyond.append(domain)
        for domain in DOMAINS:
            row[f"n_{domain}"] = counts[domain][year]
        row["balancing"] = hedges[year]
        row["beyond"] = ", ".join(beyond)
        total = sum(counts[d][year] for d in DOMAINS)
        row["note"] = "" if total else "no counted events: the moves only fade"
        rows.append(row)
    columns = (["year", *DOMAINS] + [f"{d}_{part}" for d in DOMAINS for part in ("baseline",
               "moves")] + [f"n_{d}" for d in DOMAINS] + ["balancing", "beyond", "note"])
    return pd.DataFrame(rows, columns=columns)


# Reasonable settings a learner might choose: the band shows how much the answer depends
# on them. Weights: the course's, all equal, and steep.
BAND_SETTINGS = {
    "memory": (0.5, 0.7, 0.9),
    "scale": (6.0, 10.0, 15.0),
    "strength_weights": ({1: 1, 2: 2, 3: 3}, {1: 1, 2: 1, 3: 1}, {1: 1, 2: 3, 3: 9}),
}


def index_band(year: int, *, movers=MINSK_OWN) -> pd.DataFrame:
    """The lowest and highest position of each domain in ``year`` across the reasonable
    settings of ``BAND_SETTINGS`` (27 runs): how sure the index can be about that year.

    >>> band = index_band(2016)
    >>> list(band.columns), bool((band["low"] <= band["high"]).all())
    (['domain', 'low', 'high'], True)
    """
    year = year_between("year", year, FIRST_STATE_YEAR, LAST_YEAR)
    movers = some_of("movers", movers, MOVERS) or []
    events, base = load_events(), baseline_positions().set_index("year")
    found = {d: [] for d in DOMAINS}
    for memory in BAND_SETTINGS["memory"]:
        for scale in BAND_SETTINGS["scale"]:
            for weights in BAND_SETTINGS["strength_weights"]:
                row = _index_from(events, base, weights, memory, scale, movers,
                                  0.0).set_index("year").loc[year]
                for domain in DOMAINS:
                    found[domain].append(float(row[domain]))
    return pd.DataFrame([{"domain": d, "low": round(min(v), 2), "high": round(max(v), 2)}
                         for d, v in found.items()])


KEY_YEARS = (1994, 1997, 2003, 2010, 2016, 2020, 2022, 2025)
