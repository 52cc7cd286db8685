"""The actor maps: membership colouring, offline drawing, stable network, focus, errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.actors._tie_traces import DOMAIN_COLOUR, DOMAIN_SYMBOL, FADED
from lesson_lib.actors.actor_map import _geo_map, describe_actor_map, geo_map_figure
from lesson_lib.actors.map_explorer import ActorMapExplorer
from lesson_lib.actors.network import _network, network_figure, network_positions
from lesson_lib.actors.ties import bloc_of, memberships_in, relation_hovers, relations_in

GEO_LAYERS = ["showland", "showocean", "showlakes", "showrivers", "showcountries",
              "showcoastlines", "showsubunits"]


def capital_bloc(fig, actor_id):
    for trace in fig.data:
        if trace.meta == "capitals" and actor_id in (trace.ids or ()):
            return trace.name
    return None


def nodes(fig):
    return next(t for t in fig.data if t.name == "actors")


def test_latvia_in_nato_and_eu_from_2004():
    assert bloc_of(memberships_in(2003).get("lva", set())) != "nato_eu"
    for year in (2004, 2016, 2025):
        assert {"nato", "eu"} <= memberships_in(year)["lva"]
    assert capital_bloc(geo_map_figure(2004), "lva") == "NATO and EU"
    assert capital_bloc(geo_map_figure(2003), "lva") != "NATO and EU"


def test_belarus_in_csto_throughout_and_ukraine_never():
    for year in range(1994, 2026):
        assert "csto" in memberships_in(year)["blr"], year
        assert "csto" not in memberships_in(year).get("ukr", set()), year


def test_observer_status_is_not_membership():
    assert "sco" not in memberships_in(2016)["blr"]
    assert "sco" in memberships_in(2024)["blr"]


def test_belarus_is_outlined_and_labelled():
    fig = geo_map_figure(2016)
    outline = next(t for t in fig.data if t.name == "Belarus")
    assert outline.line.color == "black" and outline.line.width >= 3
    assert any(t.text == ("<b>BELARUS</b>",) for t in fig.data if t.mode == "text")


def test_map_fetches_nothing():
    """plotly.js fetches outlines when a base layer is on or locationmode is set."""
    for year in (1991, 2016, 2025):
        spec = json.loads(geo_map_figure(year).to_json())
        assert "locationmode" not in json.dumps(spec)
        geo = spec["layout"]["geo"]
        assert all(geo.get(layer) is False for layer in GEO_LAYERS)
        assert all(t["type"] == "scattergeo" for t in spec["data"])


def test_map_shows_the_region_and_is_small():
    fig = geo_map_figure(2016)
    drawn = {i for t in fig.data if t.meta == "capitals" for i in t.ids}
    assert {"blr", "rus", "ukr", "pol", "ltu", "lva", "est", "mda", "geo", "arm", "aze"} <= drawn
    assert len(fig.to_json()) < 300_000


def test_relations_on_map_are_that_years():
    fig = geo_map_figure(2016, domain="security")
    shown = {i for t in fig.data if t.name and t.name.endswith("details") for i in t.ids}
    expected = relations_in(2016, domain="security")
    assert shown and shown <= set(expected["relation_id"])
    hover = next(t for t in fig.data if t.name and t.name.endswith("details")).hovertext[0]
    assert "Sources:" in hover


def test_every_tie_has_one_midpoint_in_its_domain_colour_and_shape():
    fig = geo_map_figure(2022, focus="rus")
    (details,) = [t for t in fig.data if t.name == "tie details"]
    held = relations_in(2022).set_index("relation_id")
    assert len(details.ids) == len(set(details.ids))
    for rel_id, colour, symbol, opacity in zip(details.ids, details.marker.color,
                                               details.marker.symbol, details.marker.opacity,
                                               strict=True):
        rel = held.loc[rel_id]
        assert (colour, symbol) == (DOMAIN_COLOUR[rel.domain], DOMAIN_SYMBOL[rel.domain])
        assert (opacity == FADED) == ("rus" not in (rel.from_actor, rel.to_actor))
    # The midpoints are drawn after (above) every tie line, so hovering always finds them.
    assert fig.data.index(details) > max(i for i, t in enumerate(fig.data) if t.mode == "lines"
                                         and t.name not in ("Belarus",) and t.fill is None)


def test_hover_texts_computed_once_give_the_same_figures():
    hover = relation_hovers()
    assert set(hover) == set(lesson_lib.load_relations()["relation_id"])
    for year, focus in ((2008, None), (2022, "pol")):
        assert _geo_map(year, domain=None, focus=focus, height=560, hover=hover) == (
            geo_map_figure(year, focus=focus))
        assert _network(year, domain=None, focus=focus, height=560, hover=hover) == (
            network_figure(year, focus=focus))


def test_network_positions_do_not_move_between_years():
    positions = network_positions()
    assert positions["blr"] == (0.0, 0.0)
    for year in (1995, 2008, 2016, 2022):
        trace = nodes(network_figure(year))
        for node, x, y in zip(trace.ids, trace.x, trace.y, strict=True):
            assert (x, y) == positions[node]


def test_belarus_near_the_centre():
    positions = network_positions()
    assert positions["blr"] == (0.0, 0.0)  # pinned
    # and the picture is centred on it: the other actors lie around Belarus, not to one side
    others = [xy for actor, xy in positions.items() if actor != "blr"]
    mean_x = sum(x for x, _ in others) / len(others)
    mean_y = sum(y for _, y in others) / len(others)
    spread = max((x * x + y * y) ** 0.5 for x, y in others)
    assert (mean_x ** 2 + mean_y ** 2) ** 0.5 < 0.25 * spread


def test_the_text_version_lists_the_strongest_ties_first():
    lines = describe_actor_map(2016).splitlines()
    listed = lines[lines.index("Strongest ties of Belarus:") + 1:]
    strengths = [int(line.split("strength ")[1].split(",")[0]) for line in listed]
    rels = relations_in(2016)
    mine = rels[(rels["from_actor"] == "blr") | (rels["to_actor"] == "blr")]
    assert strengths == sorted(strengths, reverse=True)
    assert strengths[0] == int(mine["strength"].max())


def test_the_csto_is_named_the_treaty_before_2002_and_the_csto_from_2002():
    from lesson_lib.actors.ties import organisation_name
    assert organisation_name("csto", 2001) == "Collective Security Treaty (CST)"
    assert organisation_name("csto", 2002) == "CSTO"


def test_nodes_sized_by_ties_that_year():
    trace = nodes(network_figure(2016))
    sizes = dict(zip(trace.ids, trace.marker.size, strict=True))
    rels = relations_in(2016)
    ties = {a: ((rels.from_actor == a) | (rels.to_actor == a)).sum() for a in sizes}
    most = max(ties, key=ties.get)
    assert most == "blr" and sizes["blr"] == max(sizes.values())


def test_friendly_and_hostile_ties_differ_in_line_shape():
    fig = network_figure(2022)
    dashes = {t.name.split(" (")[0]: t.line.dash for t in fig.data if t.mode == "lines"}
    assert dashes["alliance"] == "solid" and dashes["distrust"] != "solid"


def test_direction_arrows_for_one_way_ties():
    fig = network_figure(2016)
    arrows = next(t for t in fig.data if t.name == "direction")
    directed = relations_in(2016).query("directed")
    assert sorted(arrows.ids) == sorted(f"arrow:{r}" for r in directed.relation_id)


def test_focus_fades_everything_outside_the_neighbourhood():
    fig = network_figure(2016, focus="lva")
    trace = nodes(fig)
    opacity = dict(zip(trace.ids, trace.marker.opacity, strict=True))
    rels = relations_in(2016)
    near = {"lva"} | set(rels.loc[rels.from_actor == "lva", "to_actor"]) | set(
        rels.loc[rels.to_actor == "lva", "from_actor"])
    assert {n for n, o in opacity.items() if o == 1.0} == near
    assert all(o == FADED for n, o in opacity.items() if n not in near)
    faded_lines = [t for t in fig.data if t.mode == "lines" and t.opacity == FADED]
    assert faded_lines  # ties not touching Latvia stay visible, faded


def test_focus_on_actor_without_ties_says_so():
    fig = network_figure(1992, focus="lva")
    assert any("no coded ties" in (a.text or "") for a in fig.layout.annotations)


@pytest.mark.parametrize("call, message", [
    (lambda: geo_map_figure(1985), "from 1991 to 2025"),
    (lambda: network_figure(2030), "from 1991 to 2025"),
    (lambda: network_figure("2016"), "whole year"),
    (lambda: geo_map_figure(2016, domain="military"), "security, political, economic"),
    (lambda: network_figure(2016, focus="belarus"), '"focus".*"belarus"'),
    (lambda: describe_actor_map(2016, domain="trade"), "one of security"),
])
def test_bad_arguments_get_teaching_errors(call, message):
    with pytest.raises(LessonError, match=message):
        call()


def test_describe_actor_map():
    text = describe_actor_map(2022)
    assert text.startswith("In 2022 (end of year), Belarus belongs to:")
    assert "CSTO" in text.splitlines()[0] and "Eastern Partnership" not in text.splitlines()[0]
    assert "Strongest ties of Belarus:" in text


class TestExplorer:
    def test_year_redraws_both_views(self):
        explorer = ActorMapExplorer(year=2016)
        explorer.year.value = 1999
        assert explorer.map.layout.title.text.endswith("1999")
        assert explorer.network.layout.title.text.endswith("1999")
        assert "1999" in explorer.summary.value

    def test_domain_filter(self):
        explorer = ActorMapExplorer(year=2016)
        explorer.domain.value = "economic"
        ids = {i for t in explorer.network.data if t.name and t.name.endswith("details")
               for i in t.ids}
        assert ids == set(relations_in(2016, domain="economic").relation_id)

    def test_focus_lists_ties_with_sources(self):
        explorer = ActorMapExplorer(year=2016)
        explorer.focus.value = "lva"
        assert "Latvia: ties in 2016" in explorer.details.value
        assert "href=" in explorer.details.value
        assert "article" in explorer.details.value.lower()

    def test_close_ends_every_control(self):
        explorer = ActorMapExplorer(year=2016)
        explorer.close()
        assert explorer.closed and explorer.year.comm is None and explorer.map_chart.comm is None


def test_hover_texts_that_do_not_cover_the_ties_are_not_used():
    stale = {"some_old_relation": "old text"}  # e.g. computed before use_data changed the data
    fig = _geo_map(2016, domain=None, focus=None, height=560, hover=stale)
    (details,) = [t for t in fig.data if t.name == "tie details"]
    assert "old text" not in details.hovertext and all("Sources:" in h for h in details.hovertext)


def test_the_year_buttons_step_and_stop_at_the_ends():
    explorer = ActorMapExplorer(year=2024)
    explorer.next_year.click()
    assert explorer.year.value == 2025
    explorer.next_year.click()
    assert explorer.year.value == 2025
    explorer.previous_year.click()
    assert explorer.map.layout.title.text.endswith("2024")
    assert explorer.previous_year.description and explorer.next_year.description


def test_every_tie_type_has_its_own_line_shape():
    from lesson_lib.actors._tie_traces import RELATION_DASH

    assert len(set(RELATION_DASH.values())) == len(RELATION_DASH)
    fig = geo_map_figure(2016)
    legend = {t.name.split(" (")[0]: t.line.dash for t in fig.data
              if t.legendgroup == "types"}
    assert legend["alliance"] != legend["cooperation"]


def test_the_legend_shows_each_group_by_its_capital_marker():
    fig = geo_map_figure(2016)
    shown = [t for t in fig.data if t.legendgroup == "blocs" and t.showlegend is not False]
    capitals = [t for t in shown if t.meta == "capitals"]
    assert capitals and all(t.marker.symbol for t in capitals)
    names = [t.name for t in shown]
    assert len(names) == len(set(names)), names  # one entry per group


def test_a_maps_tie_cites_only_evidence_dated_up_to_its_year():
    from lesson_lib.actors.actor_map import geo_map_figure

    def tie_text(year):
        fig = geo_map_figure(year)
        return " ".join(str(t.hovertext or t.text or "") for t in fig.data)

    assert "Zapad-2017" not in tie_text(1999)
    assert "Zapad-2017" in tie_text(2019)


# ---- ties: who belongs where on the last day of a year, which ties hold, how each reads ------

def _memberships(*rows):
    """A small memberships table: (actor, organisation, status, joined, left)."""
    return pd.DataFrame([{"actor_id": a, "organisation_id": o, "status": s,
                          "joined": pd.Timestamp(j), "left": pd.Timestamp(left) if left else pd.NaT}
                         for a, o, s, j, left in rows])


def test_a_membership_counts_from_the_day_joined_to_the_day_before_it_ended():
    table = _memberships(("pol", "nato", "member", "1999-03-12", None),
                         ("pol", "eu", "member", "2004-12-31", None),
                         ("ukr", "cis", "member", "1991-12-08", "2018-12-31"),
                         ("blr", "sco", "observer", "2015-07-10", None),
                         ("blr", "eap", "partner", "2009-05-07", "2021-06-28"))
    assert memberships_in(2004, table) == {"pol": {"nato", "eu"}, "ukr": {"cis"}}  # 31 Dec
    assert memberships_in(2003, table) == {"pol": {"nato"}, "ukr": {"cis"}}
    assert memberships_in(2009, table)["blr"] == {"eap"}
    assert memberships_in(2018, table) == {"pol": {"nato", "eu"}, "blr": {"eap"}}  # left 31 Dec
    assert memberships_in(2017, table)["ukr"] == {"cis"}
    assert memberships_in(2021, table) == {"pol": {"nato", "eu"}}  # an observer is not in


def test_a_year_outside_belarus_as_a_state_is_refused_by_every_query():
    from lesson_lib.actors.ties import check_year
    assert check_year(1991) == 1991 and check_year(2025) == 2025
    for year in (1990, 2026, "2016"):
        with pytest.raises(lesson_lib.LessonError, match='"year"'):
            memberships_in(year)
        with pytest.raises(lesson_lib.LessonError, match='"year"'):
            relations_in(year)
    with pytest.raises(lesson_lib.LessonError, match='"domain"'):
        relations_in(2016, domain="cultural")


def test_a_tie_holds_from_its_first_to_its_last_year_inclusive():
    relations = lesson_lib.load_relations()
    for year in (1993, 2016, 2021):
        held = relations_in(year)
        expected = relations[(relations["valid_from"] <= year) & (relations["valid_to"] >= year)]
        assert set(held["relation_id"]) == set(expected["relation_id"]), year
    assert "blr_rus_security_alliance_1993_2021" in set(relations_in(1993)["relation_id"])
    assert "blr_rus_security_alliance_1993_2021" in set(relations_in(2021)["relation_id"])
    assert "blr_rus_security_alliance_1993_2021" not in set(relations_in(1992)["relation_id"])
    assert "blr_rus_security_alliance_1993_2021" not in set(relations_in(2022)["relation_id"])
    economic = relations_in(2016, domain="economic")
    assert set(economic["domain"]) == {"economic"} and len(economic) < len(relations_in(2016))


@pytest.mark.parametrize("organisations, bloc", [
    ({"nato", "eu"}, "nato_eu"), ({"nato"}, "nato"), ({"eu", "eastern_partnership"}, "eu"),
    ({"union_state", "csto", "cis"}, "union_state"), ({"csto", "cis"}, "csto"),
    ({"eastern_partnership", "cis"}, "eastern_partnership"), ({"cis"}, "cis"),
    ({"sco"}, "other"), (set(), "other"),
])
def test_the_map_colours_a_country_by_its_closest_bloc(organisations, bloc):
    assert bloc_of(organisations) == bloc


def test_the_csto_is_named_as_it_was_in_each_year():
    from lesson_lib.actors.ties import organisation_name
    assert organisation_name("csto", 2001) == "Collective Security Treaty (CST)"
    assert organisation_name("csto", 2002) == organisation_name("csto", 2025) == "CSTO"
    assert organisation_name("nato", 1995) == organisation_name("nato", 2016)


@pytest.mark.parametrize("name, short", [
    ("North Atlantic Treaty Organization (NATO)", "NATO"), ("Russia", "Russia"),
    ("Union State (of Belarus and Russia) (US)", "US"), ("The (odd", "The (odd"),
    ("odd)", "odd)"),
])
def test_a_name_with_its_abbreviation_in_brackets_is_shortened_to_it(name, short):
    from lesson_lib.actors.ties import short_name
    assert short_name(name) == short


def test_a_ties_hover_reads_its_ends_coding_note_evidence_and_sources():
    # Given the table, the hovers are written afresh (without it they come from the cache
    # of the course's own table, made once per version of the data).
    relations = lesson_lib.load_relations()
    hover = relation_hovers(relations)["blr_rus_security_alliance_1993_2021"]
    assert relation_hovers()["blr_rus_security_alliance_1993_2021"] == hover
    assert hover.head == (
        "<b>Belarus ↔ Russia</b><br>security alliance, strength 2, 1993-2021<br>Allies under "
        "the collective security treaty,<br>later the CSTO, with a joint air defence system<br>"
        "and regular Zapad exercises.")
    assert hover.evidence[:2] == (
        (1993, "· 31 December 1993: Belarus signs the CIS<br>Collective Security Treaty"),
        (2002, "· 7 October 2002: CSTO Charter turns the<br>security treaty into an "
               "organisation"))
    assert hover.sources.startswith("<i>Sources:</i><br>Ministry of Foreign Affairs of Belarus,")
    assert hover.sources.endswith("+2 more: all are listed in the explorer's ties<br>panel "
                                  "(choose the actor under Focus)")
    assert hover.text(2001) == "<br>".join([hover.head, hover.evidence[0][1], hover.sources])
    assert hover.text(2002).count("·") == 2  # evidence of the year itself counts
    assert hover.text().count("·") == min(4, len(hover.evidence))  # at most four lines


def test_a_one_way_tie_has_an_arrow_and_an_article_only_tie_says_so():
    hovers = relation_hovers(lesson_lib.load_relations())
    assert hovers["rus_blr_air_base_pressure_2013_2015"].head.startswith(
        "<b>Russia → Belarus</b>")
    assert hovers["lva_blr_nato_contact_point_2016"].sources.count(
        "reported only by the source article") == 1
    assert "reported only" not in hovers["blr_rus_security_alliance_1993_2021"].sources
    claimed = hovers["lva_blr_nato_contact_point_2016"]
    assert claimed.head.startswith("<b>Latvia ↔ Belarus</b><br>security dialogue, strength 1, ")
    assert "<i>Sources:</i><br>" in claimed.sources
    # the evidence a tie cites is dated and titled; an id the events do not have is left out
    alliance = hovers["blr_rus_security_alliance_1993_2021"]
    assert len(alliance.evidence) == len(lesson_lib.load_relations().set_index(
        "relation_id").loc["blr_rus_security_alliance_1993_2021", "evidence_event_ids"])


def test_a_hover_leaves_out_evidence_and_sources_the_tables_do_not_have():
    relations = lesson_lib.load_relations()
    one = relations[relations["relation_id"] == "blr_rus_security_alliance_1993_2021"].copy()
    full = relation_hovers(one)["blr_rus_security_alliance_1993_2021"]
    one["evidence_event_ids"] = [("no_such_event",
                                  *one["evidence_event_ids"].iloc[0][:1])]
    one["source_ids"] = [("no_such_source", *one["source_ids"].iloc[0][:1])]
    cut = relation_hovers(one)["blr_rus_security_alliance_1993_2021"]
    assert cut.evidence == full.evidence[:1]
    assert cut.sources.startswith("<i>Sources:</i><br>Ministry of Foreign Affairs of Belarus,")
    assert "+" not in cut.sources and cut.head == full.head


def test_hovers_are_written_afresh_when_the_ones_given_do_not_cover_the_ties():
    from lesson_lib.actors.ties import hovers_covering
    rels = relations_in(2016)
    full = relation_hovers()
    assert hovers_covering(rels, full, 2016) == {r: full[r].text(2016) for r in rels.relation_id}
    partial = {k: v for k, v in list(full.items())[:3]}
    assert hovers_covering(rels, partial, 2016) == hovers_covering(rels, None, 2016)
    assert hovers_covering(rels, None) == {r: full[r].text() for r in rels.relation_id}


def test_the_name_of_belarus_goes_where_the_fewest_ties_cross_it():
    from lesson_lib.actors.actor_map import BELARUS_LABEL_PLACES, belarus_label_place

    assert belarus_label_place([]) == BELARUS_LABEL_PLACES[0] == (25.9, 52.3)
    across = {"mode": "lines", "lon": [20.0, 34.0], "lat": [52.3, 52.3]}
    assert belarus_label_place([across]) == (25.9, 51.8)  # the first place clear of it
    west = {"mode": "lines", "lon": [10.0, 24.0], "lat": [51.8, 51.8]}
    assert belarus_label_place([across, west]) == (27.7, 51.8)  # clear of both
    # a marker inside the first place's box counts; a country's fill and Belarus's own
    # outline do not
    marker = {"mode": "markers", "lon": [25.9], "lat": [52.3]}
    assert belarus_label_place([marker]) == (25.9, 51.8)
    fill = {"mode": "lines", "fill": "toself", "lon": [20.0, 34.0], "lat": [52.3, 52.3]}
    outline = {"mode": "lines", "name": "Belarus", "lon": [20.0, 34.0], "lat": [52.3, 52.3]}
    assert belarus_label_place([fill, outline]) == (25.9, 52.3)
    # a line broken by None is two lines, not one across the gap
    broken = {"mode": "lines", "lon": [10.0, 12.0, None, 40.0, 42.0],
              "lat": [52.3, 52.3, None, 52.3, 52.3]}
    assert belarus_label_place([broken]) == (25.9, 52.3)


def test_each_map_puts_the_name_of_belarus_where_its_own_ties_cross_it_least():
    from lesson_lib.actors.actor_map import belarus_label_place

    for year in (1999, 2016, 2022):
        traces = [t.to_plotly_json() for t in lesson_lib.geo_map_figure(year).data]
        label = next(t for t in traces if t.get("name") == "Belarus label")
        others = [t for t in traces if t is not label]
        assert (label["lon"][0], label["lat"][0]) == belarus_label_place(others)
        assert label["textfont"]["shadow"] == "auto"


def test_a_hover_shows_at_most_four_lines_of_evidence_and_relations_in_reads_the_table_given():
    relations = lesson_lib.load_relations()
    one = relations[relations["relation_id"] == "blr_rus_security_alliance_1993_2021"].copy()
    events = lesson_lib.load_events().sort_values("date")["event_id"].iloc[:6]
    one["evidence_event_ids"] = [tuple(events)]
    hover = relation_hovers(one)["blr_rus_security_alliance_1993_2021"]
    assert len(hover.evidence) == 6 and hover.text().count("· ") == 4
    assert list(relations_in(2016, relations=one)["relation_id"]) == list(one["relation_id"])
    assert relations_in(2022, relations=one).empty
