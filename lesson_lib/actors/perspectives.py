"""Who wanted what: the perspectives grid of lesson 03.

Each row of ``perspectives.csv`` reads what one side (Minsk's government, Moscow, Brussels,
NATO, Kyiv, the neighbours, Belarusian society) wanted in one period, and lists the dated
events and documents it is read from. :class:`PerspectivesExplorer` shows the evidence
first and the course's reading only after the learner has written their own, as a role
card would; :func:`perspectives_grid` shows the whole grid for the class discussion, and
:func:`describe_perspectives` gives it as text.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .._checks import one_of
from ..checks.progress import LessonNotes, note_count
from ..course import labels
from ..display import Explorer, counted, notice_html
from ..formatting import TextVersion, format_date, format_span, sources_html
from ..tables import load_documents, load_events, load_perspectives, load_sources

__all__ = ["SIDES", "periods", "evidence_html", "perspectives_grid", "describe_perspectives",
           "PerspectivesExplorer"]

SIDES = labels("perspectives", "side")
CAUTION = ("This is the course's reading of the evidence, not a fact: what a side did and "
           "said shows what it wanted only in part.")


def periods(grid: pd.DataFrame | None = None) -> list[str]:
    """The grid's periods in order, named by their years ("2014-2016").

    >>> periods()
    ['2014-2016', '2020-2022']
    """
    grid = load_perspectives() if grid is None else grid
    spans = sorted(set(zip(grid["start"], grid["end"], strict=True)))
    return [_period_name(start, end) for start, end in spans]


def _period_name(start, end) -> str:
    return f"{start.year}" if start.year == end.year else f"{start.year}-{end.year}"


def _with_period(grid: pd.DataFrame) -> pd.DataFrame:
    return grid.assign(period=[_period_name(s, e) for s, e in
                               zip(grid["start"], grid["end"], strict=True)])


def _row(side: str, period: str, grid: pd.DataFrame):
    side = one_of("side", side, SIDES, optional=False)
    period = one_of("period", period, periods(grid), optional=False)
    rows = _with_period(grid)
    match = rows[(rows["side"] == side) & (rows["period"] == period)]
    return next(match.itertuples()) if len(match) else None


def evidence_html(row, events: pd.DataFrame, documents: pd.DataFrame,
                  sources: pd.DataFrame) -> str:
    """The evidence of one cell, by date: documents with their key words quoted exactly and
    attributed, events with their sources; claims only the article makes are marked.

    >>> row = next(load_perspectives().itertuples())
    >>> html_text = evidence_html(row, load_events(), load_documents(), load_sources())
    >>> "“" in html_text and "<li>" in html_text
    True
    """
    items = []
    by_document = documents.set_index("document_id")
    for document_id in row.document_ids or ():
        if document_id not in by_document.index:
            continue
        d = by_document.loc[document_id]
        when = format_date(d["date"], d["date_precision"])
        items.append((d["date"], (
            f"<li><b>{html.escape(when)}</b>, {html.escape(d['speaker'])} "
            f"({html.escape(d['role'])}): “{html.escape(d['key_words'])}”"
            f"{sources_html(d['source_ids'][:1], sources)}</li>")))
    by_event = events.set_index("event_id")
    for event_id in row.event_ids or ():
        if event_id not in by_event.index:
            continue
        e = by_event.loc[event_id]
        when = format_span(e["date"], e["date_precision"], e["end_date"])
        claim = " <i>(the article's claim only)</i>" if e["article_only"] else ""
        items.append((e["date"], (
            f"<li><b>{html.escape(when)}</b>: {html.escape(e['title'])}{claim}"
            f"{sources_html(e['source_ids'], sources)}</li>")))
    if not items:
        return "<p><i>No dated evidence in the course for this side and period.</i></p>"
    return "<ul>" + "".join(text for _, text in sorted(items, key=lambda item: item[0])) + "</ul>"


def _reading_html(row) -> str:
    wanted = row.wanted if isinstance(row.wanted, str) else ""
    note = row.note if isinstance(row.note, str) else ""
    parts = []
    if wanted:
        parts.append(f"<p><b>The course's reading:</b> {html.escape(wanted)}</p>")
    if note:
        parts.append(f"<p><i>Careful:</i> {html.escape(note)}</p>")
    return "".join(parts)


def perspectives_grid(period: str | None = None) -> widgets.HTML:
    """The whole grid: for each side and period, the course's reading, a caution where the
    evidence is thin, and the evidence itself (folded, to open).

    Cells wrap onto one column on a narrow screen. ``period`` ("2014-2016" or "2020-2022")
    shows one period only.

    >>> "Belarusian society" in perspectives_grid().value
    True
    >>> perspectives_grid("1999")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: "period" is not a value it can take; found "1999"; ...
    """
    grid = load_perspectives()
    chosen = periods(grid) if period is None else [
        one_of("period", period, periods(grid), optional=False)]
    events, documents, sources = load_events(), load_documents(), load_sources()
    blocks = [f"<p><small>{html.escape(CAUTION)}</small></p>"]
    for side, side_label in SIDES.items():
        cards = []
        for name in chosen:
            row = _row(side, name, grid)
            if row is None:
                continue
            cards.append(
                "<div style='flex:1 1 16em;min-width:0;border:1px solid #ccc;"
                "border-radius:4px;padding:4px 8px'>"
                f"<p style='margin:2px 0'><b>{html.escape(name)}</b></p>{_reading_html(row)}"
                "<details><summary>The evidence</summary>"
                f"{evidence_html(row, events, documents, sources)}</details></div>")
        if cards:
            blocks.append(f"<h4 style='margin:10px 0 4px'>{html.escape(side_label)}</h4>"
                          "<div style='display:flex;flex-wrap:wrap;gap:8px'>"
                          + "".join(cards) + "</div>")
    return widgets.HTML("".join(blocks), layout=widgets.Layout(max_width="60em"))


def describe_perspectives() -> str:
    """The grid as text, for screen readers and printed handouts.

    >>> print(describe_perspectives().splitlines()[0])
    What each side wanted, as the course reads the evidence (14 readings).
    """
    grid = _with_period(load_perspectives())
    events = load_events().set_index("event_id")
    documents = load_documents().set_index("document_id")
    lines = [f"What each side wanted, as the course reads the evidence ({len(grid)} readings)."]
    for side, side_label in SIDES.items():
        rows = grid[grid["side"] == side].sort_values("start")
        if rows.empty:
            continue
        lines.append("")
        lines.append(side_label)
        for row in rows.itertuples():
            reading = row.wanted if isinstance(row.wanted, str) else "(no reading)"
            lines.append(f"  {row.period}: {reading}")
            if isinstance(row.note, str):
                lines.append(f"    Careful: {row.note}")
            dated = [(documents.loc[d, "date"],
                      f"{format_date(documents.loc[d, 'date'], documents.loc[d, 'date_precision'])}"
                      f", {documents.loc[d, 'speaker']}: “{documents.loc[d, 'key_words']}”")
                     for d in row.document_ids or () if d in documents.index]
            dated += [(events.loc[e, "date"],
                       f"{format_date(events.loc[e, 'date'], events.loc[e, 'date_precision'])}"
                       f", {events.loc[e, 'title']}")
                      for e in row.event_ids or () if e in events.index]
            for _, text in sorted(dated, key=lambda item: item[0]):
                lines.append(f"    - {text}")
    return TextVersion("\n".join(lines))


class PerspectivesExplorer(Explorer):
    """Take one side's chair: read its evidence, write what it wanted, then compare with the
    course's reading. What the learner writes is saved with their progress.

    Parameters
    ----------
    side : str
        The side to start with (a key of :data:`SIDES`).
    period : str
        "2014-2016" or "2020-2022".
    lesson : str
        The lesson the notes belong to.
    save : bool
        Keep the notes in the progress file.

    >>> chair = PerspectivesExplorer(save=False)
    >>> chair.reveal()
    >>> "Write your own reading first" in chair.reading.value
    True
    >>> chair.answer.value = "To keep both doors open."
    >>> chair.reveal()
    >>> "The course's reading" in chair.reading.value
    True
    """

    def __init__(self, side: str = "minsk_officials", period: str = "2014-2016", *,
                 lesson: str = "03", save: bool = True) -> None:
        self._grid = load_perspectives()
        self._events, self._documents = load_events(), load_documents()
        self._sources = load_sources()
        self._notes = LessonNotes(lesson, save)
        self.side = widgets.Dropdown(
            description="Side", options=[(label, key) for key, label in SIDES.items()],
            value=one_of("side", side, SIDES, optional=False),
            layout=widgets.Layout(width="auto", max_width="100%"))
        self.period = widgets.ToggleButtons(
            description="Years", options=periods(self._grid),
            value=one_of("period", period, periods(self._grid), optional=False))
        self.evidence = widgets.HTML()
        self.answer = widgets.Textarea(
            placeholder="In one or two sentences: what did this side want, and what in the "
                        "evidence shows it?", continuous_update=False,
            layout=widgets.Layout(width="100%", height="72px"))
        self.reveal_button = widgets.Button(description="Compare with the course's reading",
                                            layout=widgets.Layout(width="auto"))
        self.reading = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self._loading = False
        self.side.observe(lambda _change: self.show(), names="value")
        self.period.observe(lambda _change: self.show(), names="value")
        self.answer.observe(lambda change: self._write(change["new"]), names="value")
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.box = widgets.VBox([
            widgets.HBox([self.side, self.period], layout=widgets.Layout(flex_flow="row wrap")),
            self.notice, self.evidence,
            widgets.HTML("<b>What did this side want? Write it before you compare.</b>"),
            counted(self.answer, note_count), self.reveal_button, self.reading])
        self.show()

    def _key(self) -> str:
        return f"perspective:{self.side.value}:{self.period.value}"

    def show(self) -> None:
        """Show the evidence for the chosen side and years, with what was written for them."""
        row = _row(self.side.value, self.period.value, self._grid)
        self._loading = True
        try:
            self.answer.value = self._notes.text(self._key())
        finally:
            self._loading = False
        title = f"{SIDES[self.side.value]}, {self.period.value}"
        body = ("<p><i>The course has no reading for this side and period.</i></p>"
                if row is None else
                evidence_html(row, self._events, self._documents, self._sources))
        self.evidence.value = f"<h4 style='margin:6px 0'>{html.escape(title)}</h4>{body}"
        self.reading.value = ""

    def _write(self, text: str) -> None:
        if self._loading:
            return
        self.notice.value = notice_html(self._notes.write(self._key(), text))

    def reveal(self) -> None:
        """Show the course's reading, once the learner has written their own."""
        if not self.answer.value.strip():
            self.reading.value = ("<p><i>Write your own reading first, then compare.</i></p>")
            return
        row = _row(self.side.value, self.period.value, self._grid)
        reading = "" if row is None else _reading_html(row)
        self.reading.value = (reading or "<p><i>The course has no reading here.</i></p>") + (
            f"<p><small>{html.escape(CAUTION)} Where yours differs, which evidence "
            "supports it?</small></p>")
