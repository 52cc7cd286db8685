"""Decision rooms: a real day, a seat at the table, what was known then, and what happened.

The data (``decision_points.csv``, ``decision_seats.csv``, ``decision_options.csv``) is
checked by the schema so that a brief and a role brief cite only what could be known on the
day (events dated by then, with a source published by then) and a debrief only what came
after. These functions turn it into what a learner reads: the case brief, a role brief, the
rule model's reading of an option, a memo's check and the debrief. The widgets that keep a
learner's or a class's choices are in :mod:`lesson_lib.decisions.room`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from .._checks import one_of
from ..formatting import events_html, format_date, sources_html
from ..model.scenario import CHOICES, scenario_outcome
from ..tables import (
    load_decision_options,
    load_decision_points,
    load_decision_seats,
    load_documents,
    load_events,
    load_sources,
)

__all__ = ["MEMO_WORD_LIMIT", "OWN_OPTION", "MEMO_STARTERS", "DEBRIEF_QUESTIONS",
           "DEBRIEF_STARTERS", "decision_points", "point", "seats_of", "seat", "options_of",
           "brief_html", "role_brief_html", "paragraphs_html", "event_label", "model_reading",
           "memo_problem", "debrief_html", "closest_option"]

MEMO_WORD_LIMIT = 150
# Every seat can also write its own option; the lesson names it the same way everywhere.
OWN_OPTION = "own"
OWN_OPTION_LABEL = "My own option (write it in one line)"
MEMO_STARTERS = ("On this day I know that …", "I choose … because …",
                 "The evidence I rely on is …", "The risk I accept is …",
                 "I would change my mind if …")
DEBRIEF_QUESTIONS = (
    "What do you know now that they did not? (You have read the debrief; they could not.)",
    "What did they know that you did not? (Think of secrets, talks and pressure behind "
    "closed doors, and what a brief of 300 words leaves out.)",
    "Would you decide the same now? Why, or why not?")
DEBRIEF_STARTERS = ("I know now that … , which they could not know on that day.",
                    "They probably knew … , which no brief tells me.",
                    "Now I would still … / Now I would rather … because …")


def decision_points() -> pd.DataFrame:
    """The decision points in the lesson's order, indexed by ``point_id``.

    >>> list(decision_points()["day"].dt.year)
    [2015, 2020, 2021, 2022, 2025]
    """
    return load_decision_points().sort_values("order").set_index("point_id", drop=False)


def point(point_id: str) -> pd.Series:
    """One decision point; an unknown id is refused with the ids there are."""
    points = decision_points()
    one_of("point", point_id, list(points.index), optional=False)
    return points.loc[point_id]


def seats_of(point_id: str) -> pd.DataFrame:
    """The seats at one decision point, in the order of the file."""
    point(point_id)
    seats = load_decision_seats()
    return seats[seats["point_id"] == point_id].set_index("seat_id", drop=False)


def seat(seat_id: str) -> pd.Series:
    """One seat; an unknown id is refused with the ids there are."""
    seats = load_decision_seats().set_index("seat_id", drop=False)
    one_of("seat", seat_id, list(seats.index), optional=False)
    return seats.loc[seat_id]


def options_of(seat_id: str) -> list[tuple[str, str]]:
    """(label, option id) for a seat's options, then the learner's own option.

    >>> options_of("border_2021_minsk")[-1]
    ('My own option (write it in one line)', 'own')
    """
    seat(seat_id)
    options = load_decision_options()
    mine = options[options["seat_id"] == seat_id]
    return ([(f"{chr(ord('a') + i)}) {row.label}", row.option_id)
             for i, row in enumerate(mine.itertuples())] + [(OWN_OPTION_LABEL, OWN_OPTION)])


def event_label(event: pd.Series) -> str:
    """An event's title as the rooms show it: the title as someone could have written it on
    the day (``title_then``) where the course's title names what came later.

    >>> events = load_events().set_index("event_id")
    >>> event_label(events.loc["union_resolve_exercise_2022"])
    'Union Resolve 2022 joint exercise begins in Belarus'
    """
    then = event.get("title_then")
    return then if isinstance(then, str) and then.strip() else event["title"]


def _known_sources(source_ids: Iterable[str], day: pd.Timestamp,
                   sources: pd.DataFrame) -> list[str]:
    """The sources someone could have read on ``day``: published by then."""
    by_id = sources.set_index("source_id")
    return [s for s in source_ids if s in by_id.index
            and not pd.isna(by_id.at[s, "published"]) and by_id.at[s, "published"] <= day]


def _events_known_html(event_ids: Iterable[str], day: pd.Timestamp) -> str:
    """The brief's events with their dates, each with only the sources published by the day,
    so that the brief cites nothing a person on that day could not have read. An event is
    dated by its first day only: where it lasted, its end came after the day or was not yet
    known."""
    events = load_events().set_index("event_id")
    sources = load_sources()
    items = []
    for event_id in event_ids:
        e = events.loc[event_id]
        when = format_date(e["date"], e["date_precision"])
        known = _known_sources(e["source_ids"], day, sources)
        items.append(f"<li><b>{html.escape(when)}</b>: {html.escape(event_label(e))}"
                     f"{sources_html(known, sources)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _documents_html(document_ids: Iterable[str]) -> str:
    documents = load_documents().set_index("document_id")
    items = []
    for d in document_ids:
        when = format_date(documents.at[d, "date"], documents.at[d, "date_precision"])
        items.append(f"<li>{html.escape(when)}, {html.escape(documents.at[d, 'speaker'])}: "
                     f"<i>{html.escape(documents.at[d, 'title'])}</i> (in the document pack "
                     "of lessons 01-07)</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def paragraphs_html(text: str) -> str:
    """A text whose paragraphs are separated by line breaks, as HTML paragraphs (escaped)."""
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in str(text).split("\n") if p.strip())


def brief_html(point_id: str) -> str:
    """The case brief: the day, the question, what was known, and the dated evidence
    (with only the sources published by the day)."""
    p = point(point_id)
    day = format_date(p["day"], "day")
    parts = [f"<h4>{html.escape(p['title'])}: {html.escape(day)}</h4>",
             f"<p><b>The decision on the table.</b> {html.escape(p['question'])}</p>",
             f"<p><b>The case brief</b> (what was known on {html.escape(day)}, in the course's "
             "words):</p>", paragraphs_html(p["brief"]),
             "<details><summary>The evidence: dated events, with the sources published by "
             f"{html.escape(day)}</summary>{_events_known_html(p['event_ids'], p['day'])}"]
    if p["document_ids"]:
        parts.append("<p>Documents of that time:</p>" + _documents_html(p["document_ids"]))
    parts.append("</details>")
    return "".join(parts)


def role_brief_html(seat_id: str) -> str:
    """A seat's role brief: interests, red lines, resources, what it could not know."""
    s = seat(seat_id)
    day = point(s["point_id"])["day"]
    rows = (("What this seat wants", s["interests"]),
            ("Its red lines (what it will not accept)", s["red_lines"]),
            ("What it can use", s["resources"]),
            ("What it cannot know today", s["cannot_know"]))
    parts = [f"<h4>Your seat: {html.escape(s['seat'])}</h4>"]
    parts += [f"<p><b>{html.escape(name)}.</b> {html.escape(text)}</p>" for name, text in rows]
    parts.append("<details><summary>What this role brief rests on</summary>"
                 f"{_events_known_html(s['event_ids'], day)}"
                 f"{_documents_html(s['document_ids'])}</details>")
    return "".join(parts)


def model_reading(seat_id: str, option_id: str, rules: dict | None = None) -> str:
    """What lesson 04's rule model says about an option, or why it cannot say.

    The model reads only Minsk's five choices. An option of Minsk's seat that moves one of
    them is read from where Minsk stood on the day (the point's levels) to where the option
    takes it; every other option is said to be out of the model's reach.

    >>> "cannot read" in model_reading("border_2021_warsaw", "own")
    True
    """
    s = seat(seat_id)
    p = point(s["point_id"])
    options = load_decision_options().set_index("option_id")
    note = f"<p><i>{html.escape(p['model_note'])}</i></p>"
    levels = {name: p[name] for name in CHOICES}
    if option_id == OWN_OPTION or option_id not in options.index:
        return ("<p>The rule model cannot read an option you write yourself: it knows only "
                "the five choices of lesson 04. Ask yourself which of them your option moves, "
                "and try it in lesson 04's model.</p>" + note)
    option = options.loc[option_id]
    choice = option["model_choice"]
    if pd.isna(choice) or any(pd.isna(v) for v in levels.values()):
        return ("<p>The rule model cannot read this option: it models only Minsk's five "
                "choices and how the West and Moscow answer them.</p>" + note)
    start = {name: int(value) for name, value in levels.items()}
    moved = dict(start)
    moved[choice] = max(0, min(10, start[choice] + int(option["model_change"])))
    before, after = scenario_outcome(start, rules), scenario_outcome(moved, rules)
    label = CHOICES[choice][0].lower() + CHOICES[choice][1:]
    return (f"<p>This option moves one of Minsk's choices in lesson 04's rule model: "
            f"<b>{html.escape(label)}</b>, from {start[choice]} to {moved[choice]} (of 10). "
            "The model starts from where Minsk stood that day, with its rules as lesson 04 "
            "sets them. Its answer (a response runs from -10, hostile, to +10, warm; Minsk's "
            "room, how free it is to choose, from 0 to 10):</p><ul>"
            f"<li>the West's response: {before['west']:+.1f} → {after['west']:+.1f}</li>"
            f"<li>Moscow's response: {before['moscow']:+.1f} → {after['moscow']:+.1f}</li>"
            f"<li>Minsk's room: {before['room']:.1f} → {after['room']:.1f}</li></ul>" + note)


def memo_problem(option: str | None, own: str, memo: str, evidence: Iterable[str]) -> str:
    """Why a memo cannot be saved yet, in words for the learner; "" when it can.

    >>> memo_problem("a", "", "I close the border because the brief says so.", ["e1"])
    ''
    >>> memo_problem(None, "", "text", ["e1"])
    'Choose an option first (or write your own).'
    """
    words = len(str(memo).split())
    if not option:
        return "Choose an option first (or write your own)."
    if option == OWN_OPTION and not str(own).strip():
        return "Write your own option in one line, or choose one of the others."
    if words == 0:
        return "Write your memo: why this option, with what you knew on the day."
    if words > MEMO_WORD_LIMIT:
        return (f"Your memo has {words} words; a memo keeps to {MEMO_WORD_LIMIT}. Cut it "
                "down: keep your reason and your evidence.")
    if not list(evidence):
        return ("Tick the evidence your memo uses (at least one event or document): a "
                "decision names what it rests on.")
    return ""


def _did_html(s: pd.Series) -> str:
    """The debrief's evidence: the timeline's own list of events with all their sources
    (after the day, nothing is hidden), then the seat's documents."""
    return (events_html(s["did_event_ids"], load_events(), load_sources())
            + _documents_html(s["did_document_ids"]))


def closest_option(seat_id: str) -> str:
    """The label of the option closest to what the seat actually did."""
    options = options_of(seat_id)
    table = load_decision_options().set_index("option_id")
    return next(label for label, oid in options
                if oid != OWN_OPTION and bool(table.at[oid, "closest"]))


def debrief_html(point_id: str, choices: dict[str, list[str]] | None = None) -> str:
    """What each seat actually did, with dated and sourced events from the timeline, and
    (``choices``: seat id to the choices made in the room) what the room chose beside it."""
    parts = [f"<h4>What happened after {html.escape(format_date(point(point_id)['day'], 'day'))}"
             "</h4><p><i>You now know what every seat did. If you play another seat of this "
             "day, you play it with hindsight: say so in that memo.</i></p>"]
    for s in seats_of(point_id).itertuples():
        row = seat(s.seat_id)
        parts.append(f"<h5>{html.escape(row['seat'])}</h5>")
        if choices is not None:
            chosen = choices.get(s.seat_id, [])
            parts.append("<p><b>The room chose:</b> "
                         + (html.escape("; ".join(chosen)) if chosen else "nobody took this seat")
                         + "</p>")
        parts.append(f"<p><b>What they did:</b> {html.escape(row['did'])}</p>"
                     f"<p><b>Closest option:</b> {html.escape(closest_option(s.seat_id))}</p>"
                     f"<details><summary>The timeline's evidence</summary>{_did_html(row)}"
                     "</details>")
    return "".join(parts)

