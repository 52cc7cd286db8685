"""The interactive timeline: events on tracks by relationship, eras as bands, the article as a line.

``filter_events`` and ``timeline_figure`` are plain functions (data in, DataFrame
or figure out); ``TimelineExplorer`` is the widget that keeps the controls' state
and calls them.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from .._checks import one_of, some_of, words, year_span
from ..course import FIRST_YEAR, LAST_YEAR
from ..formatting import (
    TextVersion,
    format_date,
    format_span,
    normalise_text,
    plotly_text,
    source_line,
    sources_html,
    sources_summary,
    wrap,
)
from ..sources.article import ARTICLE_DATE
from ..style import (
    CATEGORY_STYLE,
    ERA_FILL,
    FONT,
    TILT_LABELS,
    TRACK_LABELS,
    TRACK_TITLES,
    course_figure,
)
from ..tables import load_actors, load_documents, load_eras, load_events, load_sources

__all__ = [
    "filter_events",
    "timeline_figure",
    "describe_timeline",
    "describe_era_name",
    "draw_timeline",
    "event_html",
    "hover_rows",
    "NO_MATCH",
]

NO_MATCH = "No events match these filters. Widen the years or clear a filter."


def filter_events(events: pd.DataFrame | None = None, *, categories=None, tracks=None,
                  actors=None, eras=None, text: str | None = None, years=None,
                  known_by=None, tilts=None) -> pd.DataFrame:
    """Keep the events that match every filter given; ``None`` means "no filter".

    Parameters
    ----------
    events : DataFrame, optional
        Rows of :func:`lesson_lib.load_events` (default: all of them).
    categories, tracks, eras : str or list of str
        Values of the ``category``, ``track`` and ``era_id`` columns. An empty list
        matches nothing (every box unticked); ``None`` does not filter.
    actors : str or list of str
        Actor ids; an event matches if any of its actors is listed.
    text : str
        Words to find in the title or summary (case does not matter).
    years : (int, int)
        First and last year, inclusive.
    known_by : date
        Hide events after this date (what someone could know on that day).
    tilts : str or list of str
        Values of the ``tilt`` column: "toward_moscow", "balancing", "toward_west".

    Examples
    --------
    >>> len(filter_events(categories="economic", years=(2004, 2010))) > 0
    True
    >>> set(filter_events(tilts="balancing", years=(2014, 2016))["tilt"])
    {'balancing'}
    >>> filter_events(categories="military")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: "categories" has values it cannot take; found "military"; ...
    """
    events = load_events() if events is None else events
    keep = pd.Series(True, index=events.index)
    chosen = some_of("categories", categories, CATEGORY_STYLE)
    if chosen is not None:
        keep &= events["category"].isin(chosen)
    chosen = some_of("tracks", tracks, TRACK_LABELS)
    if chosen is not None:
        keep &= events["track"].isin(chosen)
    chosen = some_of("tilts", tilts, TILT_LABELS)
    if chosen is not None:
        keep &= events["tilt"].isin(chosen)
    chosen = some_of("eras", eras, load_eras()["era_id"])
    if chosen is not None:
        keep &= events["era_id"].isin(chosen)
    chosen = some_of("actors", actors, load_actors()["actor_id"])
    if chosen is not None:
        keep &= events["actor_ids"].map(lambda ids: bool(set(ids) & set(chosen)))
    needle = normalise_text(words("text", text))
    if needle:
        # Words that start with what was typed, in any spelling of a name: "oil" finds
        # oil but not turmoil, and "Lukashenka" finds the events Lukashenko acts in.
        keep &= _search_texts(events).str.contains(r"\b" + re.escape(needle), regex=True)
    span = year_span("years", years, FIRST_YEAR, LAST_YEAR)
    if span:
        keep &= events["date"].dt.year.between(*span)
    if known_by is not None:
        keep &= events["date"] <= pd.Timestamp(known_by)
    return events[keep.fillna(False).astype(bool)]


def _search_texts(events: pd.DataFrame) -> pd.Series:
    """Each event's title, summary and its actors' names in every spelling, folded for search."""
    actors = load_actors().set_index("actor_id")
    spelled = {a: " ".join(str(v) for v in (row["name"], row["name_local"]) if isinstance(v, str))
               for a, row in actors.iterrows()}
    return pd.Series([normalise_text(" ".join([e.title, e.summary,
                                               *(spelled.get(a, "") for a in e.actor_ids)]))
                      for e in events.itertuples()], index=events.index, dtype="string")


def hover_rows(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> dict[str, list]:
    """The hover text of each event (date at its precision, title, summary, sources).

    Returns a dict from event_id to the five strings the timeline's hover shows;
    :class:`TimelineExplorer` computes it once and hands it to every redraw.
    """
    sources = load_sources() if sources is None else sources
    lines = {s.source_id: source_line(pd.Series(s._asdict())) for s in sources.itertuples()}
    rows = {}
    for e in events.itertuples():
        cited = [lines[s] for s in e.source_ids if s in lines]
        if e.article_only:
            cited.append("reported only by the source article")
        rows[e.event_id] = [
            plotly_text(format_span(e.date, e.date_precision, e.end_date)),
            wrap(e.title, 60),
            wrap(e.summary, 70),
            "<br>".join(wrap(c, 70) for c in sources_summary(
                cited, "all are linked under Details in the explorer")),
            f"{CATEGORY_STYLE[e.category][0]}, {TILT_LABELS[e.tilt]}"
            f" (strength {e.tilt_strength})",
        ]
    return rows


_HOVER = ("<b>%{customdata[1]}</b><br>%{customdata[0]} · %{customdata[4]}<br><br>"
          "%{customdata[2]}<br><br><i>Sources</i><br>%{customdata[3]}<extra></extra>")
# Within a track, each category has its own lane so markers on one day do not hide each other.
_LANE = {c: (i - 1.5) * 0.17 for i, c in enumerate(CATEGORY_STYLE)}
_TWIN = 0.08  # how far apart two events of one lane and day sit (a lane is 0.17)


def timeline_figure(events: pd.DataFrame | None = None, *, show_article: bool = True,
                    x_range=None, title: str | None = None, height: int = 560) -> go.Figure:
    """The timeline of events, one marker per event, as a plotly figure.

    Events sit on one track per relationship (Russia, NATO and the US, the EU,
    neighbours, multilateral); colour *and* marker shape show the category; events
    that last days or weeks get a bar from start to end; eras are shaded bands with
    their names; a dashed line marks the source article's publication. Buttons above
    the chart jump to an era; drag to zoom on dates, double-click to zoom out.

    Parameters
    ----------
    events : DataFrame, optional
        Rows of :func:`lesson_lib.load_events`, e.g. from :func:`filter_events`.
    show_article : bool
        Draw the line for the source article.
    x_range : (date, date), optional
        The dates to show at first (default: the course's whole span).
    title : str, optional
        A title above the chart.
    height : int
        Height in pixels.

    Examples
    --------
    >>> fig = timeline_figure(filter_events(years=(2014, 2016)))
    >>> sum(len(t.x) for t in fig.data if t.mode == "markers") == len(
    ...     filter_events(years=(2014, 2016)))
    True
    """
    return draw_timeline(load_events() if events is None else events, eras=load_eras(),
                     show_article=show_article, x_range=x_range, title=title, height=height)


# The plot's width when the chart is as narrow as the course draws it (600 px, less the
# track names), and the width of one character of a 12 px label: enough to tell whether
# two era names would print over each other.
NARROWEST_PLOT_PX = 430
LABEL_CHAR_PX = 7
LABEL_ROWS, LABEL_ROW_PX = 4, 18


def _label_rows(shown: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp) -> dict[int, int]:
    """The row (counted upward from 0) for each shown era's name: the lowest row where it
    does not reach a name already placed, at the narrowest width the chart is drawn.

    Names are placed as :func:`_timeline` places them: the first shown hangs right from
    its start, the last hangs left from its end, the others are centred.
    """
    per_px = (hi - lo) / NARROWEST_PLOT_PX
    placed: list[list[tuple[pd.Timestamp, pd.Timestamp]]] = [[] for _ in range(LABEL_ROWS)]
    rows = {}
    for number, (i, era) in enumerate(shown.iterrows()):
        left, right = max(era["start"], lo), min(era["end"], hi)
        width = per_px * (LABEL_CHAR_PX * len(era["name"]) + 8)
        if number == 0:
            span = (left, left + width)
        elif number == len(shown) - 1:
            span = (right - width, right)
        else:
            middle = left + (right - left) / 2
            span = (middle - width / 2, middle + width / 2)
        free = [r for r in range(LABEL_ROWS)
                if all(span[1] <= a or b <= span[0] for a, b in placed[r])]
        # With no free row (a very narrow window), the name goes where it meets least.
        row = free[0] if free else min(range(LABEL_ROWS), key=lambda r: len(placed[r]))
        placed[row].append(span)
        rows[i] = row
    return rows


def _twin_nudges(tracks: list, dates: list) -> list[float]:
    """How far each event sits from the middle of its lane: events of one category on one
    track and day (two in the data) sit a little apart, so neither hides the other.

    >>> _twin_nudges(["a", "a", "a"], [1, 1, 2])
    [-0.04, 0.04, 0.0]
    """
    size = Counter(zip(tracks, dates, strict=True))
    placed: Counter = Counter()
    nudges = []
    for key in zip(tracks, dates, strict=True):
        nudges.append((placed[key] - (size[key] - 1) / 2) * _TWIN)
        placed[key] += 1
    return nudges


def draw_timeline(events: pd.DataFrame, *, eras: pd.DataFrame, show_article: bool = True,
              x_range=None, title: str | None = None, height: int = 560, era_menu: bool = True,
              hover: dict[str, list] | None = None, checked: bool = True) -> go.Figure:
    """:func:`timeline_figure` with what an explorer supplies: its own era menu instead of
    the chart's (``era_menu=False``), the hover texts it computed once and plotly's checks
    skipped for its redraws (``checked=False``, see :func:`lesson_lib.style.course_figure`)."""
    if hover is None or not set(events["event_id"]) <= set(hover):
        hover = hover_rows(events)
    track_y = {t: i for i, t in enumerate(reversed(list(TRACK_LABELS)))}
    traces = []

    for category, (label, colour, symbol) in CATEGORY_STYLE.items():
        rows = events[events["category"] == category].sort_values("date")
        # Plain lists, not pandas per row: this runs on every redraw of the explorer.
        dates, tracks, ends = list(rows["date"]), list(rows["track"]), list(rows["end_date"])
        lane = _LANE[category]
        y = [track_y[t] + lane + n for t, n in zip(tracks, _twin_nudges(tracks, dates),
                                                     strict=True)]
        spans = [(start, end, track_y[t] + lane)
                 for start, end, t in zip(dates, ends, tracks, strict=True) if pd.notna(end)]
        if spans:
            xs, ys = [], []
            for start, end, yy in spans:
                xs += [start, end, None]
                ys += [yy, yy, None]
            traces.append(dict(type="scatter",
                x=xs, y=ys, mode="lines", line={"color": colour, "width": 7},
                opacity=0.55, hoverinfo="skip", showlegend=False,  # pragma: no mutate
                name=f"{label} spans", legendgroup=category))
        traces.append(dict(type="scatter",
            x=dates, y=y, mode="markers", name=label, legendgroup=category,
            marker={"color": colour, "symbol": symbol, "size": 12,  # pragma: no mutate
                    "line": {"color": "white", "width": 1}},  # pragma: no mutate
            customdata=[hover[e] for e in rows["event_id"]], hovertemplate=_HOVER,
            ids=list(rows["event_id"]),
        ))

    start = pd.Timestamp(f"{FIRST_YEAR}-01-01")
    end = pd.Timestamp(f"{LAST_YEAR + 1}-01-01")
    shapes, notes, buttons = [], [], [
        {"label": "All years", "method": "relayout", "args": [{"xaxis.range": [start, end]}]}]
    # Era names stand over the part of each era that the chart shows, so a zoomed chart
    # keeps them; the first and last shown hang inward so they are not cut at the edges.
    lo, hi = (pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])) if x_range else (start, end)
    ordered = eras.sort_values("start").reset_index(drop=True)
    shown = [i for i, (first, last) in enumerate(zip(ordered["start"], ordered["end"],
                                                     strict=True)) if first < hi and last > lo]
    rows = _label_rows(ordered.loc[shown], lo, hi)
    for i, era in enumerate(ordered.itertuples()):
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": era.start,
                       "x1": era.end + pd.Timedelta(days=1), "y0": 0, "y1": 1,
                       "fillcolor": ERA_FILL[i % 2],  # pragma: no mutate
                       "line": {"width": 0}, "layer": "below",  # pragma: no mutate
                       "name": f"era:{era.era_id}"})
        if i in shown:
            left, right = max(era.start, lo), min(era.end, hi)
            x, anchor = left + (right - left) / 2, "center"
            if i == shown[0]:
                x, anchor = left, "left"
            elif i == shown[-1]:
                x, anchor = right, "right"
            notes.append({"x": x, "xanchor": anchor, "y": 1, "yshift": 2 + LABEL_ROW_PX * rows[i],
                          "xref": "x", "yref": "paper", "yanchor": "bottom",  # pragma: no mutate
                          "showarrow": False, "text": plotly_text(era.name),
                          "font": {"size": 12, "color": "#333"},  # pragma: no mutate
                          "name": f"era:{era.era_id}"})
        buttons.append({"label": plotly_text(era.name), "method": "relayout",
                        "args": [{"xaxis.range": [era.start - pd.Timedelta(days=60),
                                                  era.end + pd.Timedelta(days=60)]}]})
    if show_article:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": ARTICLE_DATE,
                       "x1": ARTICLE_DATE, "y0": 0, "y1": 1, "name": "article",
                       "line": {"color": "#000", "width": 2, "dash": "dash"},  # pragma: no mutate
                       })
        # Near the right edge the label hangs to the left of the line, or it is cut off.
        near_end = ARTICLE_DATE > lo + (hi - lo) * 0.8
        notes.append({"x": ARTICLE_DATE, "y": 0, "xref": "x", "yref": "paper",
                      "xanchor": "right" if near_end else "left", "yanchor": "bottom",
                      "showarrow": False,  # pragma: no mutate
                      "text": "Source article<br>" + format_date(ARTICLE_DATE),
                      "name": "article",
                      "font": {"size": 12},  # pragma: no mutate
                      "bgcolor": "rgba(255,255,255,0.8)",  # pragma: no mutate
                      })
    if events.empty:
        notes.append({"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                      "showarrow": False, "text": NO_MATCH, "font": {"size": 18},
                      "name": "no-match", "bgcolor": "rgba(255,255,255,0.9)"})

    # Room above the plot for the rows of era names, then the era menu, then the title.
    names_px = 4 + LABEL_ROW_PX * (max(rows.values(), default=-1) + 1)
    top = 10 + names_px + (36 if era_menu else 0) + (25 if title else 0)
    return course_figure(traces, layout=dict(
        height=height, font=FONT, shapes=shapes, annotations=notes,
        margin={"l": 10, "r": 10, "t": top, "b": 10},  # pragma: no mutate
        title={"text": plotly_text(title), "x": 0, "y": 0.98} if title else None,
        hoverlabel={"font": {"size": 13}, "align": "left"},  # pragma: no mutate
        legend={"orientation": "h", "y": -0.08, "x": 0,  # pragma: no mutate
                "title": {"text": "Category: "}},
        dragmode="zoom",  # pragma: no mutate
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 1, "xanchor": "right",
                      "y": 1, "yanchor": "bottom",  # pragma: no mutate
                      "pad": {"b": names_px + 4}, "showactive": True,  # pragma: no mutate
                      "active": 0}] if era_menu else [],
        xaxis={"type": "date", "range": list(x_range) if x_range else [start, end],
               "showgrid": True, "gridcolor": "rgba(0,0,0,0.06)"},  # pragma: no mutate
        yaxis={"tickvals": list(track_y.values()),
               "ticktext": [TRACK_LABELS[t] for t in track_y],
               # every track's row on the chart, however many tracks the schema names
               "range": [-0.6, len(track_y) - 0.4],
               "fixedrange": True, "showgrid": False, "zeroline": False,  # pragma: no mutate
               "automargin": True},  # pragma: no mutate
    ), checked=checked)


def describe_timeline(events: pd.DataFrame | None = None) -> str:
    """A plain-text summary of a set of events, for screen readers and handouts.

    >>> print(describe_timeline(filter_events(years=(2016, 2016))).splitlines()[0])
    ... # doctest: +ELLIPSIS
    Timeline: ... events from ... 2016 to ... 2016.
    """
    events = load_events() if events is None else events
    if events.empty:
        return TextVersion("Timeline: " + NO_MATCH)
    events = events.sort_values("date")
    first, last = events.iloc[0], events.iloc[-1]
    lines = [
        f"Timeline: {len(events)} events from {format_span(first.date, first.date_precision)}"
        f" to {format_span(last.date, last.date_precision)}.",
        f"First: {format_span(first.date, first.date_precision)}, {first.title}.",
        f"Last: {format_span(last.date, last.date_precision)}, {last.title}.",
        "By era:",
    ]
    eras = load_eras().set_index("era_id")
    for era_id, count in events["era_id"].value_counts(sort=False).items():
        if count:
            era = eras.loc[era_id]
            contested = " (a contested name)" if isinstance(era["name_contested"], str) else ""
            lines.append(f"  {era['name']} ({era['start'].year}-{era['end'].year}): {count}"
                         f"{contested}")
    lines.append("By track:")
    for track, count in events["track"].value_counts(sort=False).items():
        if count:
            lines.append(f"  {TRACK_TITLES[track]}: {count}")
    tilt = events["tilt"].value_counts(sort=False)
    lines.append("Tilt: " + ", ".join(f"{TILT_LABELS[k]} {v}" for k, v in tilt.items()) + ".")
    return TextVersion("\n".join(lines))


def describe_era_name(era_id: str) -> str:
    """What an era's name claims, and where others use other words: the course's note and
    the key words of the documents it cites, quoted exactly with speaker and date.

    >>> print(describe_era_name("war").splitlines()[0])
    The course calls 2022-2025 "Drawn into Russia's war". A name takes a side.
    >>> describe_era_name("peace")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: "era" is not a value it can take; found "peace"; ...
    """
    eras = load_eras().set_index("era_id")
    era = eras.loc[one_of("era", era_id, eras.index, optional=False)]
    span = f"{era['start'].year}-{era['end'].year}"
    if not isinstance(era["name_contested"], str):
        return (f'The course calls {span} "{era["name"]}". The documents in the course '
                "show no dispute about that name; you may still find a better one.")
    documents = load_documents().set_index("document_id")
    lines = [f'The course calls {span} "{era["name"]}". A name takes a side.',
             era["name_contested"], "", "In their own words:"]
    cited = [documents.loc[d] for d in era["contest_document_ids"] or ()
             if d in documents.index]
    for doc in sorted(cited, key=lambda d: d["date"]):
        lines.append(f"- {format_date(doc['date'], doc['date_precision'])}, {doc['speaker']}: "
                     f"“{doc['key_words']}”")
    return TextVersion("\n".join(lines))


def event_html(event: pd.Series, sources: pd.DataFrame) -> str:
    """One event in full (date at its precision, coding, summary, sources) as escaped HTML.

    >>> events = load_events().set_index("event_id")
    >>> "8 December 1999" in event_html(events.loc["union_state_treaty_signed_1999"],
    ...                                 load_sources())
    True
    """
    e = event
    claim = ("<p><i>Reported only by the source article: taught as the article's "
             "claim.</i></p>") if e["article_only"] else ""
    return (
        f"<h4>{html.escape(e['title'])}</h4>"
        f"<p><b>{html.escape(format_span(e['date'], e['date_precision'], e['end_date']))}"
        f"</b> · {html.escape(CATEGORY_STYLE[e['category']][0])} · "
        f"{html.escape(TRACK_TITLES[e['track']])} · tilt {html.escape(TILT_LABELS[e['tilt']])}"
        f" (strength {e['tilt_strength']})</p>"
        f"<p>{html.escape(e['summary'])}</p>{claim}"
        f"<p><b>Sources</b></p>{sources_html(e['source_ids'], sources)}")


