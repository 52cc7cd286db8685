"""The timeline: filters, the figure's traces and shapes, the text summary and the explorer."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError, TimelineExplorer, filter_events, timeline_figure
from lesson_lib.sources.article import AS_THE_AUTHOR_SAW_IT
from lesson_lib.timeline.figure import NO_MATCH, hover_rows


def markers(fig):
    return [t for t in fig.data if t.mode == "markers"]


def shown_ids(fig):
    return sorted(i for t in markers(fig) for i in t.ids)


def test_one_marker_per_event():
    events = lesson_lib.load_events()
    fig = timeline_figure(events)
    assert shown_ids(fig) == sorted(events["event_id"])


def test_category_has_colour_and_shape():
    fig = timeline_figure()
    styles = {(t.marker.color, t.marker.symbol) for t in markers(fig)}
    assert len(styles) == 4
    assert len({t.marker.symbol for t in markers(fig)}) == 4  # not colour alone


def test_spans_are_bars_from_start_to_end():
    events = lesson_lib.load_events()
    spans = events[events.end_date.notna()]
    fig = timeline_figure(events)
    bars = [t for t in fig.data if t.mode == "lines"]
    ends = {x for t in bars for x in t.x if x is not None}
    assert {pd.Timestamp(x) for x in ends} >= set(spans["end_date"])


def test_eras_and_article_line_are_drawn():
    fig = timeline_figure()
    names = [s.name for s in fig.layout.shapes]
    eras = lesson_lib.load_eras()
    assert [f"era:{e}" for e in eras.sort_values("start").era_id] == [
        n for n in names if n.startswith("era:")]
    article = next(s for s in fig.layout.shapes if s.name == "article")
    assert pd.Timestamp(article.x0) == pd.Timestamp("2016-07-25")
    labels = {a.text for a in fig.layout.annotations}
    assert "The mediator of Minsk" in labels
    assert timeline_figure(show_article=False).layout.shapes[-1].name != "article"


def test_era_buttons_jump_to_each_era():
    fig = timeline_figure()
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 1 + len(lesson_lib.load_eras())
    mediator = next(b for b in buttons if b.label == "The mediator of Minsk")
    start, end = (pd.Timestamp(x) for x in mediator.args[0]["xaxis.range"])
    assert start < pd.Timestamp("2014-03-01") < pd.Timestamp("2020-08-08") < end


def test_hover_shows_date_at_its_precision_and_sources():
    events = lesson_lib.load_events().set_index("event_id")
    month = events[events.date_precision == "month"].index[0]
    row = hover_rows(events.reset_index())[month]
    date = events.loc[month, "date"]
    assert row[0] == f"{date:%B} {date.year}"
    assert str(date.day) + " " not in row[0]
    assert "Sources" in markers(timeline_figure())[0].hovertemplate
    fig = timeline_figure(events.reset_index())
    trace = next(t for t in markers(fig) if month in t.ids)
    custom = trace.customdata[list(trace.ids).index(month)]
    assert custom[0] == row[0] and custom[3]  # sources line is not empty


def test_article_only_event_says_so_in_hover():
    rows = hover_rows(lesson_lib.load_events())
    assert "only by the source article" in rows["makei_visit_latvia_2016"][3]


def test_hover_text_is_escaped():
    events = lesson_lib.load_events().head(1).copy()
    events.loc[events.index[0], "title"] = "<script>alert(1)</script>"
    row = next(iter(hover_rows(events).values()))
    assert "<script>" not in row[1] and "&lt;script&gt;" in row[1]


def test_no_match_shows_a_message_not_an_empty_axis():
    fig = timeline_figure(filter_events(text="no such words anywhere"))
    assert shown_ids(fig) == []
    assert NO_MATCH in [a.text for a in fig.layout.annotations]


def test_figure_is_deterministic_and_small():
    first, second = timeline_figure().to_json(), timeline_figure().to_json()
    assert first == second
    assert len(first) < 300_000
    assert "uid" not in json.loads(first)["data"][0]


@pytest.mark.parametrize("kwargs, field", [
    ({"categories": ["military"]}, "categories"),
    ({"tracks": "china"}, "tracks"),
    ({"actors": ["belarus"]}, "actors"),
    ({"eras": ["cold_war"]}, "eras"),
])
def test_unknown_filter_values_name_the_valid_ones(kwargs, field):
    with pytest.raises(LessonError, match=f'"{field}" has values.*expected one or more of'):
        filter_events(**kwargs)


def test_bad_years_and_text():
    with pytest.raises(LessonError, match="outside the years the course covers"):
        filter_events(years=(1980, 2000))
    with pytest.raises(LessonError, match="wrong order"):
        filter_events(years=(2016, 2014))
    with pytest.raises(LessonError, match="two years"):
        filter_events(years="2014")
    with pytest.raises(LessonError, match="words to search"):
        filter_events(text=2016)


def test_filters_do_what_they_say():
    events = filter_events(actors="lva", years=(2016, 2021))
    assert len(events) > 0
    assert events.actor_ids.map(lambda ids: "lva" in ids).all()
    assert events.date.dt.year.between(2016, 2021).all()
    assert filter_events(categories=[]).empty
    found = filter_events(text="SANCTIONS")
    assert (found.title.str.lower().str.contains("sanctions")
            | found.summary.str.lower().str.contains("sanctions")).all()


def test_describe_timeline_counts_by_era_and_track():
    text = lesson_lib.describe_timeline(filter_events(tracks="eu"))
    assert "Belarus and the EU:" in text and "Belarus and Russia" not in text
    n = len(filter_events(tracks="eu"))
    assert text.startswith(f"Timeline: {n} events")
    assert lesson_lib.describe_timeline(filter_events(categories=[])).endswith(NO_MATCH)


class TestExplorer:
    def test_starts_with_everything(self):
        explorer = TimelineExplorer()
        assert len(explorer.shown) == len(lesson_lib.load_events())
        assert shown_ids(explorer.figure) == sorted(explorer.shown.event_id)
        assert explorer.chart.figure["data"] and explorer.chart.figure["config"]

    def test_category_and_track_boxes(self):
        explorer = TimelineExplorer()
        explorer.categories["security"].value = False
        explorer.tracks["russia"].value = False
        shown = explorer.shown
        assert not shown.category.eq("security").any() and not shown.track.eq("russia").any()
        assert shown_ids(explorer.figure) == sorted(shown.event_id)
        assert f"<b>{len(shown)}</b>" in explorer.count.value

    def test_author_view_hides_what_came_after_july_2016(self):
        explorer = TimelineExplorer()
        explorer.author_view.value = True
        assert explorer.shown.date.max() <= AS_THE_AUTHOR_SAW_IT
        explorer.author_view.value = False
        assert explorer.shown.date.max() > AS_THE_AUTHOR_SAW_IT

    def test_era_filters_and_zooms(self):
        explorer = TimelineExplorer()
        explorer.era.value = "mediator"
        assert set(explorer.shown.era_id) == {"mediator"}
        start, end = (pd.Timestamp(x) for x in explorer.figure.layout.xaxis.range)
        assert start < pd.Timestamp("2014-03-01") and end > pd.Timestamp("2020-08-08")
        assert end - start < pd.Timedelta(days=366 * 7)

    def test_search_and_no_match(self):
        explorer = TimelineExplorer()
        explorer.search.value = "<b>zzz</b>"
        assert explorer.shown.empty
        assert "No event here mentions" in explorer.count.value  # the search is the cause
        assert "<b>zzz" not in explorer.count.value

    def test_details_show_sources_as_links(self):
        explorer = TimelineExplorer()
        explorer.actor.value = "lva"
        explorer.select("makei_visit_latvia_2016")
        assert "working visit" in explorer.details.value.lower()
        assert 'href="https://belarusinfocus.info' in explorer.details.value
        assert "only by the source article" in explorer.details.value
        with pytest.raises(LessonError, match="not shown"):
            explorer.select("union_state_treaty_signed_1999")

    def test_details_clear_when_event_filtered_out(self):
        explorer = TimelineExplorer()
        explorer.select("union_state_treaty_signed_1999")
        explorer.years.value = (2010, 2020)
        assert explorer.chooser.value == "" and explorer.details.value == ""


def test_figures_carry_the_course_look_without_plotlys_whole_template():
    from lesson_lib.model.index_views import trajectory_figure
    from lesson_lib.style import course_figure

    for fig in (timeline_figure(), trajectory_figure(), course_figure()):
        template = fig.layout.template.layout
        assert template.plot_bgcolor == "white" and template.xaxis.gridcolor == "#EBF0F8"
        # 3D scenes, polar axes and colour scales are what made the template heavy.
        assert template.scene.to_plotly_json() == {} and template.colorscale.to_plotly_json() == {}


def test_the_contested_name_of_the_war_era_quotes_each_side_exactly():
    text = lesson_lib.describe_era_name("war")
    documents = lesson_lib.load_documents().set_index("document_id")
    for doc_id in ("un_general_assembly_vote_2022", "lukashenko_no_part_statement",
                   "nato_leaders_statement_march_2022"):
        assert f"“{documents.loc[doc_id, 'key_words']}”" in text
    # each competing word the note names stands in the quoted key words
    for word in ("involvement", "complicity", "no part"):
        assert text.count(word) >= 2, word
    assert "Drawn into Russia's war (2022-2025): " in lesson_lib.describe_timeline()
    assert "(a contested name)" in lesson_lib.describe_timeline()


def test_an_uncontested_era_says_so_and_a_wrong_id_is_named():
    assert "show no dispute" in lesson_lib.describe_era_name("mediator")
    with pytest.raises(lesson_lib.LessonError, match="mediator"):
        lesson_lib.describe_era_name("the war")


def test_a_contested_name_needs_its_documents(data_copy):
    path = data_copy / "eras.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace(
        "un_general_assembly_vote_2022;lukashenko_no_part_statement;"
        "nato_leaders_statement_march_2022", ""), "utf-8")
    with pytest.raises(lesson_lib.LessonError, match='required when "name_contested"'):
        lesson_lib.check_folder(data_copy)


def test_the_explorer_filters_by_tilt_and_resets_in_one_redraw():
    explorer = TimelineExplorer()
    explorer.tilts["toward_moscow"].value = False
    explorer.tilts["toward_west"].value = False
    explorer.tilts["society"].value = False
    assert set(explorer.shown["tilt"]) == {"balancing"}
    explorer.search.value = "Minsk"
    explorer.years.value = (2014, 2016)
    narrowed = len(explorer.shown)
    assert 0 < narrowed < 10
    redraws = []
    explorer.chart.observe(lambda change: redraws.append(1), names="figure")
    explorer.reset()
    assert len(explorer.shown) == len(lesson_lib.load_events())
    assert explorer.search.value == "" and all(b.value for b in explorer.tilts.values())
    assert len(redraws) <= 1
    with pytest.raises(LessonError, match="toward_moscow"):
        filter_events(tilts="westward")


def test_search_finds_words_not_parts_of_words_and_any_spelling_of_a_name():
    found = filter_events(text="oil")
    assert "Belarus joins the NPT as a non-nuclear-weapon state" not in set(found["title"])
    assert "Russia halts crude oil deliveries to Belarusian refineries" in set(found["title"])
    belarusian = set(filter_events(text="Lukashenka")["event_id"])
    assert len(belarusian) > 50 and belarusian <= set(filter_events(text="Lukashenko")["event_id"])
    assert len(filter_events(text="Лукашэнка")) == len(belarusian)


def test_an_empty_search_says_the_search_is_the_cause():
    explorer = TimelineExplorer()
    redraws = []
    explorer.chart.observe(lambda change: redraws.append(1), names="figure")
    explorer.search.value = "Lukashenkq"
    assert len(redraws) == 1  # finding the cause draws nothing more
    assert explorer.search.value == "Lukashenkq"
    assert "mentions &quot;Lukashenkq&quot;" in explorer.count.value
    explorer.search.value = ""
    explorer.tilts["toward_moscow"].value = explorer.tilts["toward_west"].value = False
    explorer.tilts["balancing"].value = explorer.tilts["society"].value = False
    assert "No events match" in explorer.count.value


def test_the_years_slider_says_what_the_chart_shows():
    explorer = TimelineExplorer()
    explorer.era.value = "mediator"
    assert explorer.years.value == (2014, 2020)
    explorer.era.value = ""
    assert explorer.years.value == (1990, 2025)
    explorer.author_view.value = True
    assert explorer.years.value == (1990, 2016)
    explorer.author_view.value = False
    assert explorer.years.value == (1990, 2025)
    redraws = []
    explorer.era.value = "war"
    explorer.chart.observe(lambda change: redraws.append(1), names="figure")
    explorer.reset()
    assert len(redraws) == 1 and explorer.years.value == (1990, 2025)


def test_era_names_stay_over_a_zoomed_chart_and_the_article_label_inside_it():
    fig = timeline_figure(filter_events(years=(2014, 2016)),
                          x_range=("2014-01-01", "2017-01-01"))
    names = [a.text for a in fig.layout.annotations if (a.name or "").startswith("era:")]
    assert names == ["Crackdown and isolation", "The mediator of Minsk"]
    article = next(a for a in fig.layout.annotations if a.name == "article")
    assert article.xanchor == "right"


def test_two_events_of_one_lane_and_day_do_not_hide_each_other():
    events = lesson_lib.load_events()
    twins = events[events.duplicated(["category", "track", "date"], keep=False)]
    assert len(twins) >= 2  # the data has such pairs; if not, this test must find another
    fig = lesson_lib.timeline_figure()
    points = {(x, y) for t in fig.data if t.mode == "markers"
              for x, y in zip(t.x, t.y, strict=True)}
    assert len(points) == len(events)  # every event has a spot of its own


def test_every_track_and_every_event_is_inside_the_chart():
    # The y axis is fixed (no zooming in height): a track whose row lies outside its range
    # is drawn nowhere, as Russia's 39 events were when a sixth track (society) came in.
    from lesson_lib.style import TRACK_LABELS

    fig = timeline_figure(lesson_lib.load_events())
    low, high = fig.layout.yaxis.range
    assert fig.layout.yaxis.fixedrange
    assert len(fig.layout.yaxis.tickvals) == len(TRACK_LABELS)
    assert all(low < y < high for y in fig.layout.yaxis.tickvals)
    shown = [y for trace in fig.data if trace.y is not None for y in trace.y
             if isinstance(y, (int, float))]
    assert shown and all(low < y < high for y in shown)


# ---- the text a screen reader reads and the handouts print, word for word -------------------

def test_the_summary_of_2016_reads_like_this():
    assert lesson_lib.describe_timeline(filter_events(years=(2016, 2016))) == "\n".join([
        "Timeline: 9 events from 15 February 2016 to December 2016.",
        "First: 15 February 2016, EU lifts most sanctions on Belarus.",
        "Last: December 2016, Belarus and Latvia defence ministries sign a defence cooperation "
        "agreement.",
        "By era:",
        "  The mediator of Minsk (2014-2020): 9",
        "By track:",
        "  Belarus and NATO or the US: 3",
        "  Belarus and the EU: 4",
        "  Belarus and its neighbours: 2",
        "Tilt: toward Moscow 2, balancing 1, toward the West 6, society's own (off the "
        "Moscow-West axis) 0."])


def test_the_summary_lists_eras_and_tracks_in_the_course_order_and_marks_a_contested_name():
    # Shuffled rows: the summary orders by date itself, and eras and tracks as the course does.
    shuffled = filter_events(years=(2019, 2022)).sample(frac=1, random_state=3)
    lines = lesson_lib.describe_timeline(shuffled).splitlines()
    assert lines[:3] == [
        "Timeline: 49 events from 4 March 2019 to 9 August 2022.",
        "First: 4 March 2019, Belarus lifts its 2008 cap on US embassy staff.",
        "Last: 9 August 2022, Tsikhanouskaya announces a United Transitional Cabinet in Vilnius."]
    assert lines[3:8] == [
        "By era:", "  The mediator of Minsk (2014-2020): 10", "  The 2020 crisis (2020-2022): 32",
        "  Drawn into Russia's war (2022-2025): 7 (a contested name)", "By track:"]
    assert lines[8:14] == [
        "  Belarus and Russia: 8", "  Belarus and NATO or the US: 12", "  Belarus and the EU: 10",
        "  Belarus and its neighbours: 11", "  Multilateral frames and turning points at home: 3",
        "  Belarusian society and the opposition: 5"]
    assert lines[14] == ("Tilt: toward Moscow 29, balancing 5, toward the West 10, society's own "
                         "(off the Moscow-West axis) 5.")


def test_no_events_are_summarised_in_one_line():
    assert lesson_lib.describe_timeline(filter_events(categories=[])) == f"Timeline: {NO_MATCH}"


def test_an_era_name_note_reads_like_this():
    assert lesson_lib.describe_era_name("mediator") == (
        'The course calls 2014-2020 "The mediator of Minsk". The documents in the course show '
        "no dispute about that name; you may still find a better one.")
    lines = lesson_lib.describe_era_name("war").split("\n")
    era = lesson_lib.load_eras().set_index("era_id").loc["war"]
    assert lines[:4] == ['The course calls 2022-2025 "Drawn into Russia\'s war". A name takes a '
                         "side.", era["name_contested"], "", "In their own words:"]
    assert [line[:line.index(":")] for line in lines[4:]] == [
        "- 2 March 2022, UN General Assembly, as reported by the UN's Meetings Coverage",
        "- 4 March 2022, Aleksandr Lukashenko",
        "- 24 March 2022, NATO Heads of State and Government"]
    with pytest.raises(LessonError) as caught:
        lesson_lib.describe_era_name(None)  # an era must be named: no "any era" here
    assert caught.value.problems[0].message == '"era" is not a value it can take'
    assert caught.value.problems[0].expected.startswith("one of sovereignty, turn_to_moscow")


# ---- each filter keeps exactly the events that match it -------------------------------------

def _ids(frame):
    return set(frame["event_id"])


def test_each_list_filter_keeps_exactly_its_values():
    events = lesson_lib.load_events()
    for column, argument, values in (("category", "categories", ["economic", "security"]),
                                     ("track", "tracks", ["eu"]),
                                     ("tilt", "tilts", ["balancing", "toward_west"]),
                                     ("era_id", "eras", ["mediator"])):
        kept = filter_events(**{argument: values})
        assert _ids(kept) == _ids(events[events[column].isin(values)]), argument
        assert _ids(filter_events(**{argument: values[0]})) == _ids(
            events[events[column] == values[0]]), argument
        assert filter_events(**{argument: []}).empty, argument


def test_an_actor_filter_keeps_events_with_any_of_the_actors():
    events = lesson_lib.load_events()
    either = events["actor_ids"].map(lambda ids: "lva" in ids or "ltu" in ids)
    assert _ids(filter_events(actors=["lva", "ltu"])) == _ids(events[either])
    assert filter_events(actors=[]).empty


def test_years_are_inclusive_at_both_ends_and_known_by_keeps_the_day_itself():
    events = lesson_lib.load_events()
    kept = filter_events(years=(2004, 2006))
    assert _ids(kept) == _ids(events[events["date"].dt.year.between(2004, 2006)])
    assert {2004, 2006} <= set(kept["date"].dt.year)
    day = events["date"].iloc[len(events) // 2]
    known = filter_events(known_by=day.date())
    assert _ids(known) == _ids(events[events["date"] <= day]) and day in set(known["date"])


def test_filters_combine_and_keep_the_rows_order_and_columns():
    events = lesson_lib.load_events()
    both = filter_events(categories="economic", tracks="russia", years=(2006, 2010))
    expected = events[(events["category"] == "economic") & (events["track"] == "russia")
                      & events["date"].dt.year.between(2006, 2010)]
    pd.testing.assert_frame_equal(both, expected)
    pd.testing.assert_frame_equal(filter_events(), events)


def test_a_search_matches_the_title_the_summary_or_an_actors_name_from_a_word_start():
    events = lesson_lib.load_events()
    assert _ids(filter_events(text="sanction")) >= _ids(
        events[events["title"].str.contains("Sanction|sanction")])
    summary_only = events[events["summary"].str.contains(r"\bNPT\b")
                          & ~events["title"].str.contains("NPT")]
    if len(summary_only):
        assert _ids(summary_only) <= _ids(filter_events(text="npt"))
    latvia = _ids(filter_events(text="Latvia"))
    by_actor = _ids(events[events["actor_ids"].map(lambda ids: "lva" in ids)])
    assert by_actor <= latvia  # the actor's name counts, not only the words of the event
    assert _ids(filter_events(text="Latvija")) >= by_actor  # and its own spelling
    assert not _ids(filter_events(text="atvia"))  # a word's start, not its middle
    assert _ids(filter_events(text="  ")) == _ids(events)


def test_an_events_details_read_like_this():
    from lesson_lib.timeline.figure import event_html

    events = lesson_lib.load_events().set_index("event_id", drop=False)
    sources = lesson_lib.load_sources()
    shown = event_html(events.loc["makei_visit_latvia_2016"], sources)
    assert shown.startswith(
        "<h4>Makei&#x27;s working visit to Latvia (article&#x27;s claim)</h4><p><b>6-7 July "
        "2016</b> · Diplomatic · Belarus and its neighbours · tilt toward the West (strength 1)"
        "</p><p>According to the course&#x27;s source article, Foreign Minister")
    assert ("found.</p><p><i>Reported only by the source article: taught as the article's "
            "claim.</i></p><p><b>Sources</b></p><ul><li>") in shown
    other = event_html(events.loc["last_nuclear_warheads_leave_belarus_1996"], sources)
    assert other.startswith("<h4>Last Soviet nuclear warheads leave Belarus for Russia</h4>"
                            "<p><b>23-27 November 1996</b> · Security · ")
    assert "Reported only" not in other and "</p><p><b>Sources</b></p>" in other


def test_the_timeline_figure_takes_its_title_and_height():
    assert timeline_figure().layout.height == 560
    fig = timeline_figure(title="Ties <b>2016</b>", height=400)
    assert fig.layout.height == 400 and "Ties" in fig.layout.title.text


def test_a_search_in_a_subset_of_the_events_keeps_the_subsets_own_rows():
    events = lesson_lib.load_events()
    subset = events[events["date"].dt.year == 2016]  # its row labels are not 0, 1, 2 ...
    found = filter_events(subset, text="Latvia")
    assert set(found["event_id"]) == set(filter_events(text="Latvia", years=(2016, 2016))[
        "event_id"]) and len(found) > 0


def test_every_filter_narrows_what_the_ones_before_it_kept():
    events = lesson_lib.load_events()
    kept = filter_events(categories="political", tracks="eu", tilts="toward_west",
                         eras="mediator", actors="lva", years=(2014, 2020))
    expected = events[(events["category"] == "political") & (events["track"] == "eu")
                      & (events["tilt"] == "toward_west") & (events["era_id"] == "mediator")
                      & events["actor_ids"].map(lambda ids: "lva" in ids)
                      & events["date"].dt.year.between(2014, 2020)]
    assert _ids(kept) == _ids(expected)
    for kwargs in ({"tracks": "eu", "eras": "mediator"}, {"tilts": "balancing", "eras": "war"},
                   {"categories": "security", "actors": "pol"}):
        one, two = kwargs.items()
        both = _ids(filter_events(**kwargs))
        assert both == _ids(filter_events(**dict([one]))) & _ids(filter_events(**dict([two])))
    with pytest.raises(LessonError, match='"tilts"'):
        filter_events(tilts="sideways")


def test_era_names_never_print_over_each_other_on_the_narrowest_chart():
    from lesson_lib.timeline.figure import LABEL_CHAR_PX, LABEL_ROW_PX, NARROWEST_PLOT_PX

    for x_range in (None, ("2003-01-01", "2017-01-01"), ("1990-01-01", "1998-01-01")):
        fig = timeline_figure(x_range=x_range)
        lo, hi = ((pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])) if x_range
                  else (pd.Timestamp("1990-01-01"), pd.Timestamp("2026-01-01")))
        per_px = (hi - lo) / NARROWEST_PLOT_PX
        rows: dict[int, list] = {}
        for note in fig.layout.annotations:
            if not (note.name or "").startswith("era:"):
                continue
            x = pd.Timestamp(note.x)
            width = per_px * (LABEL_CHAR_PX * len(note.text) + 8)
            span = {"left": (x, x + width), "right": (x - width, x),
                    "center": (x - width / 2, x + width / 2)}[note.xanchor]
            row = (note.yshift - 2) // LABEL_ROW_PX
            assert all(span[1] <= a or b <= span[0] for a, b in rows.get(row, [])), (
                x_range, note.text)
            rows.setdefault(row, []).append(span)
        assert 0 in rows and len(rows) <= 4
        assert fig.layout.annotations[0].xanchor == "left"


def test_drawing_the_timeline_marks_the_article_unless_told_not_to():
    from lesson_lib.timeline.figure import draw_timeline

    events, eras = lesson_lib.load_events(), lesson_lib.load_eras()
    assert "article" in [s["name"] for s in draw_timeline(events, eras=eras).layout.shapes]
    assert "article" not in [s["name"] for s in draw_timeline(
        events, eras=eras, show_article=False).layout.shapes]


def test_the_charts_parts_sit_where_a_reader_expects_them():
    from lesson_lib.timeline.figure import _LANE, _TWIN

    events = lesson_lib.load_events()
    fig = timeline_figure(events)
    # "All years" shows the whole course; each era's band meets the next one's with no gap.
    whole = fig.layout.updatemenus[0].buttons[0]
    assert whole.label == "All years" and whole.method == "relayout"
    assert [pd.Timestamp(x) for x in whole.args[0]["xaxis.range"]] == [
        pd.Timestamp("1990-01-01"), pd.Timestamp("2026-01-01")]
    bands = [s for s in fig.layout.shapes if s.name.startswith("era:")]
    assert all((s.y0, s.y1, s.yref) == (0, 1, "paper") for s in bands)
    assert all(pd.Timestamp(a.x1) == pd.Timestamp(b.x0)
               for a, b in itertools.pairwise(bands))
    assert pd.Timestamp(bands[-1].x1) == pd.Timestamp("2026-01-01")
    # Each category's bars hide and show with its markers (one legend entry), on its lane.
    for spans, dots in zip(fig.data[::2], fig.data[1::2], strict=True):
        assert spans.mode == "lines" and dots.mode == "markers"
        assert spans.name == f"{dots.name} spans" and spans.legendgroup == dots.legendgroup
        assert spans.showlegend is False and len(spans.x) == len(spans.y)
        lanes = {round(y - round(y), 6) for y in spans.y if y is not None}
        assert lanes == {round(_LANE[dots.legendgroup], 6)}, spans.name
    # Two events of one lane and day sit half a step either side of the lane.
    twins = events[events.duplicated(["category", "track", "date"], keep=False)]
    first = twins.iloc[0]
    trace = next(t for t in fig.data if t.mode == "markers" and first.event_id in t.ids)
    ys = [y for i, y in zip(trace.ids, trace.y, strict=True)
          if i in set(twins[(twins.date == first.date) & (twins.track == first.track)
                            & (twins.category == first.category)].event_id)]
    assert len(ys) == 2 and abs(abs(ys[0] - ys[1]) - _TWIN) < 1e-9
    assert abs((ys[0] + ys[1]) / 2 - round(ys[0]) - _LANE[first.category]) < 1e-9


def test_three_events_of_one_lane_and_day_sit_a_step_apart_around_the_lane():
    # The shipped data has pairs only; a teacher's folder may have three of a day.
    from lesson_lib.timeline.figure import _TWIN, _twin_nudges

    day = pd.Timestamp("2016-07-01")
    nudges = _twin_nudges(["west", "west", "east", "west"], [day, day, day, day])
    assert nudges == pytest.approx([-_TWIN, 0.0, 0.0, _TWIN])


def test_the_timelines_room_labels_and_notes_are_where_the_layout_puts_them():
    from lesson_lib.formatting import format_date
    from lesson_lib.sources.article import ARTICLE_DATE
    from lesson_lib.style import FONT
    from lesson_lib.timeline.figure import LABEL_ROW_PX, _label_rows, draw_timeline

    eras = lesson_lib.load_eras()
    events = lesson_lib.load_events()
    plain = draw_timeline(events, eras=eras, era_menu=False)
    assert plain.layout.height == 560 and plain.layout.font.family == FONT["family"]
    assert plain.layout.font.size == FONT["size"]
    # Room above the plot: 4 px and a row for each row of era names, 10 px more, then the
    # era menu (36 px) and the title (25 px) when there are any.
    ordered = eras.sort_values("start").reset_index(drop=True)
    start, end = pd.Timestamp("1990-01-01"), pd.Timestamp("2026-01-01")
    rows = max(_label_rows(ordered, start, end).values()) + 1
    assert plain.layout.margin.t == 10 + 4 + LABEL_ROW_PX * rows
    titled = draw_timeline(events, eras=eras, title="Mine")
    assert titled.layout.margin.t == 10 + 4 + LABEL_ROW_PX * rows + 36 + 25
    assert (titled.layout.title.text, titled.layout.title.x) == ("Mine", 0)
    menu = titled.layout.updatemenus[0]
    assert (menu.x, menu.xanchor, menu.pad.b) == (1, "right", 4 + LABEL_ROW_PX * rows + 4)
    assert plain.layout.updatemenus == ()
    # Every track has its row; the legend names what the colours are.
    assert list(plain.layout.yaxis.range) == [-0.6, len(plain.layout.yaxis.tickvals) - 0.4]
    assert plain.layout.legend.title.text == "Category: "
    assert {t.line.width for t in plain.data if t.mode == "lines"} == {7}
    # Era names: on the plot's top edge, each row a label's height above the last; the first
    # hangs right from its start, the last left from its end, the others are centred.
    names = [a for a in plain.layout.annotations if a.name.startswith("era:")]
    assert {a.y for a in names} == {1}
    assert {a.yshift for a in names} <= {2 + LABEL_ROW_PX * r for r in range(rows)}
    assert (names[0].xanchor, names[-1].xanchor) == ("left", "right")
    assert {a.xanchor for a in names[1:-1]} == {"center"}
    middle = names[1]
    era = ordered.iloc[1]
    assert pd.Timestamp(middle.x) == era.start + (era.end - era.start) / 2
    # The article's line is labelled with its date, hanging inward near the right edge.
    article = next(a for a in plain.layout.annotations if a.name == "article")
    assert article.text == "Source article<br>" + format_date(ARTICLE_DATE)
    assert (article.y, article.xanchor) == (0, "left")
    late = draw_timeline(events, eras=eras, x_range=("2010-01-01", "2017-01-01"))
    assert next(a for a in late.layout.annotations if a.name == "article").xanchor == "right"
    # No event: the chart says so in its middle.
    empty = draw_timeline(events.iloc[0:0], eras=eras)
    note = next(a for a in empty.layout.annotations if a.name == "no-match")
    assert (note.x, note.y, note.showarrow, note.text, note.font.size) == (
        0.5, 0.5, False, NO_MATCH, 18)
    assert note.bgcolor == "rgba(255,255,255,0.9)"


def test_every_figure_a_learner_gets_is_plotlys_checked_figure():
    import plotly.graph_objects as go

    from lesson_lib.timeline.figure import draw_timeline

    events = lesson_lib.load_events()
    for fig in (timeline_figure(), draw_timeline(events, eras=lesson_lib.load_eras()),
                lesson_lib.geo_map_figure(2016), lesson_lib.network_figure(2016)):
        assert isinstance(fig, go.Figure), type(fig)
