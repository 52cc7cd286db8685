"""Decision rooms (lesson 08): hindsight kept out of the briefs, the data's checks, the
model's reading, the memo's rules, and the two widgets (alone and as a class)."""

from __future__ import annotations

import csv
import html
import json
import re

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.decisions import rooms
from lesson_lib.decisions.class_room import ClassDecisions
from lesson_lib.decisions.room import DecisionRoom
from lesson_lib.model.scenario import CHOICES, scenario_outcome

POINTS = lesson_lib.load_decision_points()
SEATS = lesson_lib.load_decision_seats()
OPTIONS = lesson_lib.load_decision_options()
EVENTS = lesson_lib.load_events().set_index("event_id")
SOURCES = lesson_lib.load_sources().set_index("source_id")
DOCUMENTS = lesson_lib.load_documents().set_index("document_id")
DAY = dict(zip(POINTS["point_id"], POINTS["day"], strict=True))


def test_five_points_across_the_story_one_in_the_core():
    assert len(POINTS) >= 5
    assert POINTS["day"].dt.year.nunique() == len(POINTS)
    assert int(POINTS["core"].sum()) == 1
    assert list(POINTS.sort_values("order")["day"]) == sorted(POINTS["day"])


@pytest.mark.parametrize("point_id", sorted(DAY))
def test_no_brief_cites_anything_after_its_day(point_id):
    """The brief's and every role brief's events and documents are dated by the day, each
    event has a source published by the day, and what the learner sees lists only those."""
    day = DAY[point_id]
    row = POINTS.set_index("point_id").loc[point_id]
    seats = SEATS[SEATS["point_id"] == point_id]
    events = [*row["event_ids"], *(e for ids in seats["event_ids"] for e in ids)]
    documents = [*row["document_ids"], *(d for ids in seats["document_ids"] for d in ids)]
    assert events
    for event_id in events:
        assert EVENTS.at[event_id, "date"] <= day, event_id
        published = [SOURCES.at[s, "published"] for s in EVENTS.at[event_id, "source_ids"]]
        assert any(not pd.isna(p) and p <= day for p in published), event_id
    for document_id in documents:
        assert DOCUMENTS.at[document_id, "date"] <= day, document_id
    shown = rooms.brief_html(point_id) + "".join(
        rooms.role_brief_html(s) for s in seats["seat_id"])
    later = [s for e in events for s in EVENTS.at[e, "source_ids"]
             if SOURCES.at[s, "published"] > day]
    for source_id in later:
        assert html.escape(str(SOURCES.at[source_id, "url"])) not in shown, source_id


@pytest.mark.parametrize("point_id", sorted(DAY))
def test_no_brief_names_a_later_year(point_id):
    row = POINTS.set_index("point_id").loc[point_id]
    seats = SEATS[SEATS["point_id"] == point_id]
    texts = [row["brief"], row["question"], row["model_memo"],
             *(seats[c].str.cat(sep=" ") for c in ("interests", "red_lines", "resources",
                                                    "cannot_know"))]
    years = {int(y) for text in texts for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    assert not {y for y in years if y > DAY[point_id].year}, point_id


@pytest.mark.parametrize("point_id", sorted(DAY))
def test_every_debrief_rests_on_later_events_of_the_timeline(point_id):
    for seat in SEATS[SEATS["point_id"] == point_id].itertuples():
        assert seat.did_event_ids, seat.seat_id
        for event_id in seat.did_event_ids:
            assert EVENTS.at[event_id, "date"] >= DAY[point_id], (seat.seat_id, event_id)


def test_seats_options_and_the_models_reach():
    by_point = SEATS.groupby("point_id").size()
    assert by_point.between(3, 5).all()
    for seat in SEATS.itertuples():
        mine = OPTIONS[OPTIONS["seat_id"] == seat.seat_id]
        assert 3 <= len(mine) <= 4, seat.seat_id
        assert int(mine["closest"].sum()) == 1, seat.seat_id
        read = mine["model_choice"].notna()
        if seat.actor_id != "blr":
            assert not read.any(), f"{seat.seat_id}: the model reads only Minsk's choices"
    minsk = SEATS[SEATS["actor_id"] == "blr"]
    assert set(minsk["point_id"]) == set(DAY), "every room has Minsk's seat"
    for point_id, memo_seat in zip(POINTS["point_id"], POINTS["memo_seat_id"], strict=True):
        assert SEATS.set_index("seat_id").at[memo_seat, "point_id"] == point_id


def test_the_level_columns_are_the_models_choices():
    assert [c for c in POINTS.columns if c in CHOICES] == list(CHOICES)


def test_model_reading_of_a_minsk_option_is_the_models_own_answer():
    option = OPTIONS[OPTIONS["model_choice"].notna()].iloc[0]
    seat = SEATS.set_index("seat_id").loc[option["seat_id"]]
    point = POINTS.set_index("point_id").loc[seat["point_id"]]
    start = {c: int(point[c]) for c in CHOICES}
    moved = dict(start)
    moved[option["model_choice"]] = max(0, min(10, start[option["model_choice"]]
                                               + int(option["model_change"])))
    before, after = scenario_outcome(start), scenario_outcome(moved)
    text = rooms.model_reading(option["seat_id"], option["option_id"])
    assert f"{before['room']:.1f} → {after['room']:.1f}" in text
    assert f"{before['west']:+.1f} → {after['west']:+.1f}" in text
    assert f"from {start[option['model_choice']]} to {moved[option['model_choice']]}" in text


def test_model_reading_says_where_the_model_cannot_read():
    other = OPTIONS.merge(SEATS, on="seat_id")
    other = other[other["actor_id"] != "blr"].iloc[0]
    assert "cannot read this option" in rooms.model_reading(other["seat_id"],
                                                            other["option_id"])
    assert "cannot read an option you write" in rooms.model_reading(other["seat_id"], "own")


def test_memo_rules():
    ok = ("word " * rooms.MEMO_WORD_LIMIT).strip()
    assert rooms.memo_problem("x", "", ok, ["e"]) == ""
    assert "151 words" in rooms.memo_problem("x", "", ok + " more", ["e"])
    assert "Tick the evidence" in rooms.memo_problem("x", "", "short", [])
    assert "Write your own option" in rooms.memo_problem("own", "  ", "short", ["e"])
    assert rooms.memo_problem("own", "Ask Berlin to call", "short", ["e"]) == ""
    assert "Write your memo" in rooms.memo_problem("x", "", "   ", ["e"])
    assert "Choose an option" in rooms.memo_problem(None, "", "short", ["e"])


def test_an_unknown_point_or_seat_is_refused_with_the_choices():
    with pytest.raises(LessonError, match="border_2021"):
        rooms.point("border_2012")
    with pytest.raises(LessonError, match="seat"):
        rooms.seat("nobody")


# --- the data's checks ------------------------------------------------------------------

def _edit(folder, file, key, column, value):
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if key in row.values():
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_check_refuses_hindsight_in_a_brief(data_copy):
    core = POINTS.loc[POINTS["core"]].iloc[0]
    later = EVENTS[EVENTS["date"] > core["day"]].index[0]
    _edit(data_copy, "decision_points.csv", core["point_id"], "event_ids", later)
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    message = str(caught.value)
    assert "decision_points.csv" in message and "hindsight" in message and later in message


def test_check_refuses_hindsight_in_a_role_brief(data_copy):
    seat = SEATS.iloc[0]
    later = EVENTS[EVENTS["date"] > DAY[seat["point_id"]]].index[0]
    _edit(data_copy, "decision_seats.csv", seat["seat_id"], "event_ids", later)
    with pytest.raises(LessonError, match="hindsight"):
        lesson_lib.check_folder(data_copy)


def test_check_refuses_a_debrief_event_from_before_the_day(data_copy):
    seat = SEATS.iloc[0]
    earlier = EVENTS[EVENTS["date"] < DAY[seat["point_id"]]].index[0]
    _edit(data_copy, "decision_seats.csv", seat["seat_id"], "did_event_ids", earlier)
    with pytest.raises(LessonError, match="on or after"):
        lesson_lib.check_folder(data_copy)


def test_check_refuses_an_event_nobody_could_read_about_on_the_day(data_copy):
    core = POINTS.loc[POINTS["core"]].iloc[0]
    event_id = core["event_ids"][0]
    for source_id in EVENTS.at[event_id, "source_ids"]:
        _edit(data_copy, "sources.csv", source_id, "published", "2025-12-31")
        _edit(data_copy, "sources.csv", source_id, "published_precision", "day")
    with pytest.raises(LessonError, match="no source of .* was published by"):
        lesson_lib.check_folder(data_copy)


def test_check_refuses_an_unknown_seat_actor(data_copy):
    _edit(data_copy, "decision_seats.csv", SEATS.iloc[0]["seat_id"], "actor_id", "atlantis")
    with pytest.raises(LessonError, match="decision_seats.csv.*actor_id"):
        lesson_lib.check_folder(data_copy)


# --- the widgets --------------------------------------------------------------------------

MEMO = "I keep talking to Brussels because the brief says so."


def _play(room: DecisionRoom, memo: str = MEMO) -> None:
    room.option.value = room.option.options[0][1]
    room.evidence.value = (room.evidence.options[0][1],)
    room.memo.value = memo


def test_the_debrief_opens_only_after_the_memo_is_saved():
    room = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    assert room.debrief.value == "" and not room.decided
    room.save_decision()
    assert "Choose an option" in room.notice.value and room.debrief.value == ""
    _play(room, "word " * 151)
    room.save_decision()
    assert "151 words" in room.notice.value and room.debrief.value == ""
    _play(room)
    room.save_decision()
    assert room.decided and "What happened after" in room.debrief.value
    seat = SEATS.set_index("seat_id").loc["border_2021_minsk"]
    assert seat["did"] in room.debrief.value.replace("&#x27;", "'")


def test_a_saved_memo_is_found_again_after_a_reload():
    room = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    _play(room, "My memo for the record.")
    room.save_decision()
    room.questions[0].value = "I knew about November."
    again = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    assert again.memo.value == "My memo for the record."
    assert again.option.value == room.option.value
    assert again.evidence.value == room.evidence.value
    assert again.questions[0].value == "I knew about November."
    assert again.decided and "What happened after" in again.debrief.value


def test_each_seat_keeps_its_own_memo_and_hindsight():
    room = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    _play(room, "Minsk's memo.")
    room.save_decision()
    room.seat.value = "border_2021_warsaw"
    assert room.memo.value == "" and room.option.value is None and room.debrief.value == ""
    room.seat.value = "border_2021_minsk"
    assert room.memo.value == "Minsk's memo." and room.decided


def test_changing_the_day_shows_that_days_seats_and_brief():
    room = DecisionRoom("border_2021")
    room.point.value = "air_base_2015"
    assert set(v for _, v in room.seat.options) == set(
        SEATS[SEATS["point_id"] == "air_base_2015"]["seat_id"])
    assert "21 September 2015" in room.brief.value


def test_the_course_answer_waits_for_the_learners_own():
    room = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    _play(room)
    room.save_decision()
    room.compare()
    assert "Answer at least one question first" in room.answer.value
    room.questions[2].value = "Yes, the same."
    room.compare()
    answer = POINTS.set_index("point_id").at["border_2021", "debrief_answer"]
    assert answer[:40] in room.answer.value.replace("&#x27;", "'")


def test_class_records_groups_and_shows_the_room_beside_what_happened():
    room = ClassDecisions("border_2021")
    room.record()
    assert "Type the group" in room.notice.value
    room.group.value = "  Table   by the window "
    room.seat.value = "border_2021_warsaw"
    room.option.value = room.option.options[1][1]
    room.record()
    room.group.value = "Group 2"
    room.seat.value = "border_2021_minsk"
    room.option.value = "own"
    room.record()
    assert "own option" in room.notice.value
    room.own.value = "Call Berlin"
    room.record()
    decisions = room.decisions()
    assert set(decisions) == {"Table by the window", "Group 2"}
    assert decisions["Group 2"]["choice"] == "their own: Call Berlin"
    room.show_debrief()
    assert "Table by the window" in room.debrief.value and "Call Berlin" in room.debrief.value
    assert "nobody took this seat" in room.debrief.value  # Brussels and Moscow were left empty
    # A teacher's second tab (or a reload) finds the room's record
    again = ClassDecisions("border_2021")
    assert set(again.decisions()) == {"Table by the window", "Group 2"}
    # Recording a group again replaces its choice; removing it takes it out
    again.group.value = "Group 2"
    again.seat.value = "border_2021_minsk"
    again.option.value = again.option.options[0][1]
    again.record()
    assert again.decisions()["Group 2"]["option_id"] == again.option.options[0][1]
    again.remove()
    assert set(again.decisions()) == {"Table by the window"}
    assert "Group 2" not in ClassDecisions("border_2021").decisions()


def test_a_damaged_class_record_is_skipped_not_fatal(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("TWO_CHAIRS_PROGRESS", str(path))
    path.write_text(json.dumps({"version": 1, "lessons": {}, "notes": {"08": {
        "class:border_2021:Group 1": {"text": "{not json", "saved": "2026-12-01"},
        "class:border_2021:Group 2": {"text": json.dumps(
            {"seat_id": "border_2021_eu", "option_id": "x", "choice": "a) wait"}),
            "saved": "2026-12-01"}}}}), "utf-8")
    room = ClassDecisions("border_2021")
    assert list(room.decisions()) == ["Group 2"]


def test_hiding_the_own_option_box_hides_nothing_else():
    room = DecisionRoom("border_2021", seat_id="border_2021_minsk")
    assert room.own.layout.display == "none"
    shown = [w for w in (room.box, room.point, room.seat, room.option, room.evidence.box)
             if w.layout.display == "none"]
    assert shown == []
    room.option.value = "own"
    assert room.own.layout.display == ""
    room.option.value = room.option.options[0][1]
    assert room.own.layout.display == "none" and room.box.layout.display != "none"


def test_the_class_form_starts_with_a_choice_and_refuses_none():
    room = ClassDecisions("border_2021", save=False)
    assert room.option.value == room.option.options[0][1]
    room.seat.value = "border_2021_minsk"
    assert room.option.value == "border_2021_minsk_a"
    room.group.value = "Group 9"
    room.option.value = None
    room.record()
    assert "Choose the group's choice" in room.notice.value.replace("&#x27;", "'")
    assert room.decisions() == {}


def test_no_brief_shows_a_title_that_names_what_came_later():
    shown = rooms.brief_html("troops_2022") + "".join(
        rooms.role_brief_html(s) for s in rooms.seats_of("troops_2022").index)
    room = DecisionRoom("troops_2022", seat_id="troops_2022_kyiv", save=False)
    shown += " ".join(label for label, _ in room.evidence.options)
    for later in ("invasion", "stay on", "afterwards", "20 February 2022"):
        assert later not in shown, later
    # an event that lasted past the day is shown by its first day only
    assert "9-16 August 2020" not in rooms.brief_html("election_2020")
    assert "9 August 2020" in rooms.brief_html("election_2020")


def test_ticked_evidence_is_saved_and_found_again():
    room = DecisionRoom("border_2021", seat_id="border_2021_brussels")
    keys = [key for _, key in room.evidence.options]
    room.evidence.value = (keys[1], keys[3])
    again = DecisionRoom("border_2021", seat_id="border_2021_brussels")
    assert again.evidence.value == (keys[1], keys[3])
    assert [b.value for b in again.evidence.box.children][:4] == [False, True, False, True]


def test_the_model_reading_gives_its_scale_and_keeps_capitals():
    text = rooms.model_reading("border_2021_minsk", next(
        o for o in OPTIONS[OPTIONS["seat_id"] == "border_2021_minsk"].itertuples()
        if o.model_choice == "military_integration_russia").option_id)
    assert "with Russia" in text and "-10, hostile, to +10, warm" in text


def test_the_closest_option_is_not_always_the_first():
    positions = {rooms.options_of(s).index(next(
        (label, oid) for label, oid in rooms.options_of(s)
        if oid in set(OPTIONS[OPTIONS["closest"]]["option_id"]))) for s in SEATS["seat_id"]}
    assert len(positions) >= 3


def test_what_happens_on_the_day_itself_counts_as_known(data_copy):
    """An event of the day, and a source published that day, could be known on it: the
    check accepts them in a brief (and in a debrief), and the room shows that source."""
    _edit(data_copy, "decision_points.csv", "border_2021", "day", "2021-08-10")
    assert lesson_lib.check_folder(data_copy)["decision_points"] == len(POINTS)
    # a debrief may begin on the day: Poland's emergency of 2 September is Warsaw's act
    _edit(data_copy, "decision_points.csv", "border_2021", "day", "2021-09-02")
    assert lesson_lib.check_folder(data_copy)["decision_seats"] == len(SEATS)
    latvia = EVENTS.loc["latvia_belarus_border_emergency_2021"]
    same_day = [s for s in latvia["source_ids"]
                if SOURCES.at[s, "published"] == pd.Timestamp("2021-08-11")]
    assert same_day
    shown = rooms.brief_html("border_2021")  # the shipped day, 11 August 2021
    assert all(html.escape(str(SOURCES.at[s, "url"])) in shown for s in same_day)


def test_the_debrief_shows_every_source_of_what_came_after():
    shown = rooms.debrief_html("air_base_2015")
    for event_id in ("russian_air_base_rejected_2015", "eu_sanctions_lifted_2016"):
        assert EVENTS.at[event_id, "title"] in shown.replace("&#x27;", "'")
        for source_id in EVENTS.at[event_id, "source_ids"]:
            assert html.escape(str(SOURCES.at[source_id, "url"])) in shown, source_id
