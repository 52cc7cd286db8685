"""What a learner reads in a figure: no HTML entity shown as it is, and hover labels narrow
enough to stay on the screen. Runs over every figure the lessons draw."""

from __future__ import annotations

import re

import pytest

import lesson_lib
from lesson_lib.style import figure_json

FIGURES = {
    "timeline": lambda: lesson_lib.timeline_figure(),
    "map 2016": lambda: lesson_lib.geo_map_figure(2016),
    "map 2022": lambda: lesson_lib.geo_map_figure(2022),
    "network 2016": lambda: lesson_lib.network_figure(2016),
    "network Latvia": lambda: lesson_lib.network_figure(2021, focus="lva"),
    "trajectory": lambda: lesson_lib.trajectory_figure(),
    "outside measure": lambda: lesson_lib.outside_measure_figure(),
    "trade": lambda: lesson_lib.trade_partners_figure(),
    "scorecard": lambda: lesson_lib.scorecard_figure(),
    "locator": lambda: lesson_lib.locator_map_figure(),
    "outcome": lambda: lesson_lib.outcome_figure({"west": 1, "moscow": -2, "room": 5}),
}
# Plotly decodes &lt; &gt; &amp; and numeric entities in labels, but shows these as typed.
UNDECODED = re.compile(r"&(quot|apos|#x27|#39|nbsp);")
# A hover line longer than this runs off a 390 px phone and off the side of a chart.
LONGEST_HOVER_LINE = 100


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.fixture(scope="module")
def drawn():
    return {name: figure_json(make()) for name, make in FIGURES.items()}


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_html_entity_is_shown_as_typed(drawn, name):
    shown = [s for s in strings(drawn[name]) if UNDECODED.search(s)]
    assert shown == [], f"{name}: {shown[:2]}"


@pytest.mark.parametrize("name", list(FIGURES))
def test_hover_lines_fit_a_screen(drawn, name):
    too_long = []
    for trace in drawn[name]["data"]:
        for key in ("hovertext", "text", "hovertemplate"):
            value = trace.get(key)
            for text in (value if isinstance(value, list) else [value]):
                if not isinstance(text, str) or key == "text" and "<br>" not in text:
                    continue
                for line in re.split(r"<br\s*/?>", text):
                    plain = re.sub(r"<[^>]+>", "", line)
                    if len(plain) > LONGEST_HOVER_LINE:
                        too_long.append(plain)
    assert too_long == [], f"{name}: {len(too_long)} lines, e.g. {too_long[0][:120]!r}"


def test_a_tie_hover_lists_two_sources_and_says_how_many_more():
    from lesson_lib.actors.ties import relation_hovers

    hovers = {rel_id: hover.text() for rel_id, hover in relation_hovers().items()}
    relations = lesson_lib.load_relations()
    checked = 0
    for rel in relations.itertuples():
        cited = len(rel.source_ids) + bool(rel.article_only)
        if cited > 2:
            assert f"+{cited - 2} more" in hovers[rel.relation_id], rel.relation_id
            checked += 1
        else:
            assert "more: all are listed" not in hovers[rel.relation_id], rel.relation_id
    assert checked, "no tie has more than two sources, so the summary is untested"


def test_figures_offer_no_selection_or_cloud_tools(drawn):
    for name, spec in drawn.items():
        removed = set(spec["config"]["modeBarButtonsToRemove"])
        assert {"select2d", "lasso2d", "sendDataToCloud"} <= removed, name
        assert spec["config"]["displaylogo"] is False


def test_a_source_line_says_the_language_of_a_title_not_in_english():
    from lesson_lib.formatting import source_line

    sources = lesson_lib.load_sources().set_index("source_id", drop=False)
    assert source_line(sources.loc["wnp_2018_belarus_trade_2017"]).endswith("(in Polish)")
    assert "(in Russian)" in source_line(sources.loc["melkon_2018_02_21_belarus_military_attache"])
    assert "(in " not in source_line(sources.loc["abc_2004_11_23_eu_hardens_stance"])
