"""How Belarus voted at the UN General Assembly beside Russia and the United States: a
measure the index did not code (``un_votes.csv``), drawn on the index's own scale.

Each vote scores Belarus -1 when it voted as Russia did and not as the United States,
+1 the other way round, and 0 when it voted as both, as neither, or stayed away.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..course import FIRST_STATE_YEAR, LAST_YEAR, labels
from ..errors import LessonError
from ..formatting import TextVersion, plotly_text
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_un_votes
from .index import balance_index

__all__ = ["un_agreement", "un_votes_in", "describe_un_votes", "un_votes_figure"]

def un_agreement(votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per vote: whether Belarus voted as Russia and as the United States did
    (``<NA>`` where a vote is unknown), and its score on the index's scale.

    >>> agree = un_agreement().set_index("vote_id")
    >>> row = agree.loc["ukraine_territory_2014"]
    >>> bool(row["with_russia"]), bool(row["with_usa"]), int(row["score"])
    (True, False, -1)
    """
    votes = load_un_votes() if votes is None else votes
    known = votes["belarus"] != "unknown"

    def same(other: str) -> pd.Series:
        judged = known & (votes[other] != "unknown")
        # absent is no vote: staying away is not voting as anyone did
        return ((votes["belarus"] == votes[other]) & (votes["belarus"] != "absent")).where(
            judged).astype("boolean")

    with_russia, with_usa = same("russia"), same("usa")
    score = (with_usa.astype("Int64") - with_russia.astype("Int64"))
    return pd.DataFrame({"vote_id": votes["vote_id"], "date": votes["date"],
                         "year": votes["date"].dt.year, "topic": votes["topic"],
                         "title": votes["title"], "belarus": votes["belarus"],
                         "russia": votes["russia"], "usa": votes["usa"],
                         "with_russia": with_russia, "with_usa": with_usa,
                         "score": score})


def un_votes_in(first: int, last: int | None = None) -> pd.DataFrame:
    """The course's UN votes of one year (or of ``first`` to ``last``), to read as a table:
    the date, the resolution's title, and how Belarus, Russia and the United States voted
    (*absent*: stayed away; *unknown*: no record found).

    >>> un_votes_in(2007)[["Belarus", "Russia", "United States"]].values.tolist()
    [['abstain', 'yes', 'no'], ['no', 'no', 'yes']]
    >>> un_votes_in(2013)
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: The course has no UN vote in 2013. Years with votes: ...
    """
    last = first if last is None else last
    votes = un_agreement()
    rows = votes[votes["year"].between(first, last)].sort_values(["date", "title"])
    if rows.empty:
        span = f"{first}" if first == last else f"{first} to {last}"
        years = ", ".join(str(y) for y in sorted(votes["year"].unique()))
        raise LessonError(f"The course has no UN vote in {span}. Years with votes: {years}.")
    table = pd.DataFrame({"date": rows["date"].dt.strftime("%d %B %Y"),
                          "resolution": rows["title"], "Belarus": rows["belarus"],
                          "Russia": rows["russia"], "United States": rows["usa"]})
    return table.reset_index(drop=True)


def describe_un_votes(votes: pd.DataFrame | None = None) -> str:
    """The votes in a few sentences: how often Belarus voted as Russia and as the US, and
    every vote where it parted from Russia.

    >>> print(describe_un_votes().splitlines()[1][:43])
    It voted as the US and against Russia in 0;
    """
    agree = un_agreement(votes)
    judged = agree.dropna(subset=["with_russia"])
    with_usa = agree.dropna(subset=["with_usa"])
    apart = judged[~judged["with_russia"].astype(bool)]
    against_russia = with_usa[with_usa["with_usa"].astype(bool)
                              & ~with_usa["with_russia"].astype(bool)]
    both = with_usa[with_usa["with_usa"].astype(bool) & with_usa["with_russia"].astype(bool)]
    lines = [f"Of {len(judged)} recorded votes where Belarus's and Russia's votes are known, "
             f"Belarus voted as Russia in {int(judged['with_russia'].sum())}.",
             f"It voted as the US and against Russia in {len(against_russia)}"
             + (f"; it voted as both in {len(both)}, when the US and Russia voted alike ("
                + ", ".join(str(y) for y in sorted(both["year"])) + ")" if len(both) else "")
             + ".",
             f"It parted from Russia in {len(apart)}:"]
    for vote in apart.sort_values("date").itertuples():
        lines.append(f"  {vote.year}: {vote.title} (Belarus {vote.belarus}, Russia "
                     f"{vote.russia}, the US {vote.usa}).")
    return TextVersion("\n".join(lines))


def un_votes_figure(index: pd.DataFrame | None = None) -> go.Figure:
    """The index's political position beside Belarus's UN votes on the same scale: each
    vote a marker at -1 (as Russia, not as the US), +1 (as the US, not as Russia) or 0
    (both, neither, or away). Unknown votes are left out.

    >>> fig = un_votes_figure()
    >>> [t.name for t in fig.data][:2]
    ['political position (course index)', 'a UN vote: Belarus as Russia, not as the US']
    """
    index = balance_index() if index is None else index
    agree = un_agreement().dropna(subset=["score"])
    topics = labels("un_votes", "topic")
    traces = [go.Scatter(x=index["year"], y=index["political"], mode="lines",
                         name="political position (course index)",
                         line={"color": OKABE_ITO["blue"], "width": 3},
                         hovertemplate="%{x}: %{y:.1f}<extra>the index</extra>")]
    looks = {-1: ("a UN vote: Belarus as Russia, not as the US", "circle",
                  OKABE_ITO["vermillion"]),
             0: ("a UN vote: as both, neither, or away", "diamond", OKABE_ITO["orange"]),
             1: ("a UN vote: Belarus as the US, not as Russia", "square",
                 OKABE_ITO["green"])}
    for score, (name, symbol, colour) in looks.items():
        rows = agree[agree["score"] == score]
        # Votes of one year sit side by side, not on top of each other.
        offsets = rows.groupby("year").cumcount() * 0.18
        traces.append(go.Scatter(
            x=rows["year"] + offsets, y=rows["score"], mode="markers", name=name,
            marker={"symbol": symbol, "size": 12, "color": colour,
                    "line": {"color": "#333", "width": 1}},
            customdata=[[plotly_text(v.title), topics[v.topic], v.belarus, v.russia, v.usa,
                         v.year] for v in rows.itertuples()],
            hovertemplate=("<b>%{customdata[5]}</b>: %{customdata[0]}<br>%{customdata[1]}"
                           "<br>Belarus %{customdata[2]}, Russia %{customdata[3]}, the US "
                           "%{customdata[4]}<extra></extra>")))
    return course_figure(traces, layout=dict(
        height=440, font=FONT,
        title={"text": "The index beside Belarus's votes at the UN", "x": 0.01},
        xaxis={"range": [FIRST_STATE_YEAR - 1, LAST_YEAR + 1], "dtick": 5},
        yaxis={"title": {"text": "← Moscow · West →"}, "range": [-1.15, 1.15],
               "tickvals": [-1, -0.5, 0, 0.5, 1]},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 70, "r": 20, "t": 50, "b": 110}))
