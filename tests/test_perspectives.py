"""The perspectives grid: what each side wanted, read from dated evidence, shown after the
learner has written their own reading."""

from __future__ import annotations

import csv
import json

import pytest

import lesson_lib
from lesson_lib.actors.perspectives import (
    SIDES,
    PerspectivesExplorer,
    describe_perspectives,
    evidence_html,
    periods,
    perspectives_grid,
)
from lesson_lib.checks.progress import progress_path


@pytest.fixture(scope="module")
def grid():
    return lesson_lib.load_perspectives()


def test_every_side_has_a_reading_for_each_period(grid):
    assert set(grid["side"]) == set(SIDES) == {
        "minsk_officials", "moscow", "eu", "nato", "kyiv", "neighbours", "society"}
    for name in periods(grid):
        start = int(name[:4])
        assert set(grid.loc[grid["start"].dt.year == start, "side"]) == set(SIDES), name


def test_every_reading_rests_on_dated_evidence_or_says_why_not(grid):
    for row in grid.itertuples():
        has_reading = isinstance(row.wanted, str)
        evidence = len(row.event_ids or ()) + len(row.document_ids or ())
        if has_reading:
            assert evidence >= 2, f"{row.perspective_id}: a reading on {evidence} piece(s)"
        else:
            assert isinstance(row.note, str) and "silence" in row.note, row.perspective_id


def test_society_is_a_side_of_its_own_after_2020(grid):
    society = grid[(grid["side"] == "society") & (grid["start"].dt.year == 2020)].iloc[0]
    events = lesson_lib.load_events().set_index("event_id")
    movers = set(events.loc[list(society["event_ids"]), "mover"])
    assert "society" in movers
    assert set(society["document_ids"]) & set(
        lesson_lib.load_documents().query("perspective == 'society'")["document_id"])


def test_the_evidence_quotes_key_words_exactly_and_marks_the_articles_claims(grid):
    events, documents = lesson_lib.load_events(), lesson_lib.load_documents()
    sources = lesson_lib.load_sources()
    nato = grid.set_index("perspective_id").loc["nato_2014_2016"]
    page = evidence_html(nato, events, documents, sources)
    words = documents.set_index("document_id").loc["nato_warsaw_communique", "key_words"]
    assert f"“{words}”" in page
    assert "the article's claim only" in page
    assert page.index("8-9 July 2016") < page.index("NATO Heads of State")


def test_the_evidence_is_escaped(grid):
    events = lesson_lib.load_events()
    first = grid.iloc[0]
    marked = events.assign(title=events["title"].where(
        ~events["event_id"].isin(first["event_ids"]), "<script>x</script>"))
    page = evidence_html(first, marked, lesson_lib.load_documents(), lesson_lib.load_sources())
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_grid_shows_every_side_and_one_period_on_request():
    whole = perspectives_grid().value
    assert all(label in whole for label in SIDES.values())
    later = perspectives_grid("2020-2022").value
    assert "2020-2022" in later and "<b>2014-2016</b>" not in later
    with pytest.raises(lesson_lib.LessonError, match="2014-2016"):
        perspectives_grid("2015")


def test_the_text_version_has_every_reading_and_its_dated_evidence(grid):
    text = describe_perspectives()
    for row in grid.itertuples():
        if isinstance(row.wanted, str):
            assert row.wanted in text
    assert "27 February 2022, Volodymyr Zelenskyy: “Be Belarus, not Russia!”" in text


def test_the_course_reading_appears_only_after_the_learner_writes():
    chair = PerspectivesExplorer(side="kyiv", period="2020-2022", save=False)
    assert "Zelenskyy" in chair.evidence.value
    chair.reveal()
    assert "The course's reading" not in chair.reading.value
    chair.answer.value = "   "
    chair.reveal()
    assert "The course's reading" not in chair.reading.value
    chair.answer.value = "To keep Belarus out of the war."
    chair.reveal()
    assert "keep Belarus out of Russia&#x27;s war" in chair.reading.value
    chair.side.value = "moscow"
    assert chair.reading.value == "" and chair.answer.value == ""


def test_a_silence_is_shown_as_a_silence():
    chair = PerspectivesExplorer(side="society", period="2014-2016", save=False)
    assert "air base" in chair.evidence.value
    chair.answer.value = "Probably reform, but I cannot tell."
    chair.reveal()
    assert "silence in the sources" in chair.reading.value


def test_what_the_learner_writes_is_saved_and_comes_back():
    chair = PerspectivesExplorer(side="eu", period="2014-2016")
    chair.answer.value = "A thaw in return for prisoners."
    stored = json.loads(progress_path().read_text("utf-8"))
    assert stored["notes"]["03"]["perspective:eu:2014-2016"]["text"].startswith("A thaw")
    chair.close()
    again = PerspectivesExplorer(side="eu", period="2014-2016")
    assert again.answer.value == "A thaw in return for prisoners."
    again.period.value = "2020-2022"
    assert again.answer.value == ""


def test_a_wrong_side_is_named_with_the_choices():
    with pytest.raises(lesson_lib.LessonError, match="minsk_officials"):
        PerspectivesExplorer(side="belarus", save=False)


def _set(path, row_id, column, value):
    """Change one cell of a teacher's copy, the way a spreadsheet would save it."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    for row in rows:
        if row["perspective_id"] == row_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_evidence_from_outside_the_period_is_named_with_file_line_and_column(data_copy):
    _set(data_copy / "perspectives.csv", "minsk_2014_2016", "event_ids",
         "disputed_election_2020;political_prisoners_released_2015")
    problems = str(pytest.raises(lesson_lib.LessonError, lesson_lib.check_folder, data_copy).value)
    assert "perspectives.csv, line 2, column \"event_ids\"" in problems
    assert "disputed_election_2020 is dated 2020-08-09, outside this row's span" in problems


def test_a_row_with_neither_a_reading_nor_a_note_is_refused(data_copy):
    path = data_copy / "perspectives.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    society = next(i for i, line in enumerate(lines) if line.startswith("society_2014_2016"))
    lines[society] = "society_2014_2016,society,2014-01-01,2016-12-31,,,,\n"
    path.write_text("".join(lines), "utf-8")
    problems = str(pytest.raises(lesson_lib.LessonError, lesson_lib.check_folder, data_copy).value)
    assert f"line {society + 1}" in problems and '"wanted" or "note"' in problems


def test_a_reading_without_events_is_refused(data_copy):
    _set(data_copy / "perspectives.csv", "moscow_2014_2016", "event_ids", "")
    problems = str(pytest.raises(lesson_lib.LessonError, lesson_lib.check_folder, data_copy).value)
    assert 'column "event_ids"' in problems and 'required when "wanted" is filled' in problems


def test_a_reading_too_long_is_reported_once(data_copy):
    _set(data_copy / "perspectives.csv", "eu_2014_2016", "wanted", "word " * 50)
    error = pytest.raises(lesson_lib.LessonError, lesson_lib.check_folder, data_copy).value
    assert [p.column for p in error.problems] == ["wanted"]
    assert "at most 45 words" in str(error)
