"""Each course-wide fact is written once: labels, years and lessons come from schema.json,
argument checks share one wording, and every explorer can be closed."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

import lesson_lib
from lesson_lib import LessonError, course, style
from lesson_lib._checks import number_between, one_of, some_of, year_between, year_span
from lesson_lib.actors._tie_traces import RELATION_DASH
from lesson_lib.actors.map_explorer import ActorMapExplorer
from lesson_lib.actors.ties import ORGANISATION_NAMES
from lesson_lib.model.index import DOMAINS as INDEX_DOMAINS
from lesson_lib.schema import load_schema
from lesson_lib.sources.claims import CLAIM_KINDS, VERDICTS

SCHEMA = load_schema()


def values(table, column):
    return next(c["values"] for c in SCHEMA["tables"][table]["columns"] if c["name"] == column)


@pytest.mark.parametrize("mapping, table, column", [
    (style.CATEGORY_STYLE, "events", "category"),
    (style.TRACK_LABELS, "events", "track"),
    (style.TRACK_TITLES, "events", "track"),
    (style.TILT_LABELS, "events", "tilt"),
    (CLAIM_KINDS, "claims", "kind"),
    (VERDICTS, "claims", "verdict"),
    (ORGANISATION_NAMES, "memberships", "organisation_id"),
    (RELATION_DASH, "relations", "type"),
])
def test_every_coded_value_has_its_look_and_words(mapping, table, column):
    assert list(mapping) == values(table, column)


def test_a_schema_whose_labels_miss_a_value_is_refused():
    text = (lesson_lib.data_folder() / "schema.json").read_text("utf-8")
    broken = text.replace('"toward_west": "toward the West"', '"westward": "toward the West"')
    assert broken != text
    with pytest.raises(LessonError, match='"labels" must name exactly'):
        load_schema(broken)


def test_the_year_range_is_the_schemas_and_the_dates_agree_with_it():
    first, last = SCHEMA["course"]["years"]
    assert (course.FIRST_YEAR, course.LAST_YEAR) == (first, last)
    for table in ("events", "eras"):
        for col in SCHEMA["tables"][table]["columns"]:
            if col["type"] == "date":
                assert (col["min"], col["max"]) == (f"{first}-01-01", f"{last}-12-31")
    years = lesson_lib.balance_index()["year"]
    assert (years.min(), years.max()) == (course.FIRST_STATE_YEAR, course.LAST_YEAR)


def test_domains_are_the_relations_domains():
    assert set(course.DOMAINS) == set(values("relations", "domain")) == set(INDEX_DOMAINS)


def test_lessons_with_a_self_check_have_a_bank():
    for lesson in course.LESSONS:
        assert lesson_lib.load_quiz(lesson).lesson == lesson


@pytest.mark.parametrize("call, message", [
    (lambda: one_of("domain", "trade", ["security"]),
     '^"domain" is not a value it can take; found "trade"; expected one of security'),
    (lambda: some_of("tracks", ["eu", "mars"], ["eu"]),
     '^"tracks" has values it cannot take; found "mars"; expected one or more of eu$'),
    (lambda: year_between("year", 1985, 1991, 2025),
     '^"year" is outside the years the course covers; found "1985"'),
    (lambda: year_between("year", "2016", 1991, 2025), '^"year" must be a whole year'),
    (lambda: year_between("year", 2016.5, 1991, 2025), '^"year" must be a whole year'),
    (lambda: year_span("years", (2016, 2014), 1990, 2025), '^"years" is in the wrong order'),
    (lambda: year_span("years", "2014", 1990, 2025), '^"years" must be two years'),
    (lambda: number_between("memory", float("nan"), 0, 1), '^"memory" must be a number'),
    (lambda: number_between("memory", 2, 0, 1), '^"memory" is out of range; found "2"'),
])
def test_argument_checks_share_one_wording(call, message):
    with pytest.raises(LessonError, match=message):
        call()


def test_the_public_functions_use_the_shared_wording():
    for call in (lambda: lesson_lib.geo_map_figure(1985), lambda: lesson_lib.network_figure(1985)):
        with pytest.raises(LessonError, match='^"year" is outside the years the course covers'):
            call()
    with pytest.raises(LessonError, match='^"memory" is out of range'):
        lesson_lib.balance_index(memory=3)
    with pytest.raises(LessonError, match='^"kinds" has values it cannot take'):
        lesson_lib.filter_claims(kinds="rumour")


EXPLORERS = [
    lambda: lesson_lib.TimelineExplorer(),
    lambda: ActorMapExplorer(year=2016),
    lambda: lesson_lib.BalanceExplorer(),
    lambda: lesson_lib.ClaimsExplorer(),
    lambda: lesson_lib.ForecastAudit(),
    lambda: lesson_lib.Quiz("02", save=False),
    lambda: lesson_lib.WidgetCheck(),
]


@pytest.mark.parametrize("make", EXPLORERS)
def test_every_explorer_shows_itself_and_closes(make):
    explorer = make()
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    controls = [explorer.box, *explorer.box.children]
    assert all(isinstance(c, widgets.Widget) and c.comm is not None for c in controls)
    explorer.close()
    assert explorer.closed and all(c.comm is None for c in controls)


def test_learner_facing_figure_functions_keep_few_keywords():
    import inspect

    for name in ("timeline_figure", "geo_map_figure", "network_figure", "trajectory_figure",
                 "scorecard_figure", "outcome_figure"):
        keywords = [p for p in inspect.signature(getattr(lesson_lib, name)).parameters.values()
                    if p.kind is p.KEYWORD_ONLY]
        assert len(keywords) <= 5, (name, [p.name for p in keywords])
