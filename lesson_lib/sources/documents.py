"""The document pack: read primary texts from every side, and corroborate a claim yourself.

:class:`DocumentReader` shows one document at a time with an organiser (sourcing,
context, corroboration, close reading) whose notes are saved with the learner's progress,
and reveals the course's reading only after the learner has written their own.
:class:`CorroborationTask` lets a learner test one of the article's claims against
documents and dated events, counting independent sources (a reprint of a report is the
same report). The HTML of both is built by plain functions that tests call directly.
"""

from __future__ import annotations

import html
import textwrap

import ipywidgets as widgets
import pandas as pd

from .._checks import one_of
from ..checks.progress import LessonNotes, note_count
from ..course import labels
from ..display import Explorer, counted, notice_html
from ..formatting import events_html, format_date, format_span, sources_html
from ..tables import load_claims, load_documents, load_events, load_reuse_terms, load_sources
from .sourcing import independent_sources

__all__ = [
    "ORGANISER",
    "JUDGEMENTS",
    "document_html",
    "glossed_words",
    "DocumentReader",
    "CorroborationTask",
]

# The organiser's four questions, after the Stanford History Education Group's reading
# skills, in the course's words.
ORGANISER = {
    "sourcing": "Sourcing: who is speaking, in what role, to whom, and why might they say this?",
    "context": "Context: what else was happening at the time? (The events listed with the "
               "course's reading help; lesson 02's timeline has them all.)",
    "corroboration": "Corroboration: what does it agree or disagree with in the other "
                     "documents or in the article?",
    "close_reading": "Close reading: which words matter here, and why might they have been "
                     "chosen?",
}
JUDGEMENTS = {
    "confirms": "confirms the claim",
    "context": "gives context only (it neither confirms nor contradicts)",
    "contradicts": "contradicts the claim",
}
PERSPECTIVES = labels("documents", "perspective")
DOCUMENT_TYPES = labels("documents", "type")
RELIABILITY = labels("sources", "reliability")
EVIDENCE_YEARS = (2014, 2017)
# Chosen evidence is saved as one note: its ids joined by this mark (ids never hold it).
EVIDENCE_SEPARATOR = " "


QUOTE_STYLE = "margin:4px 0;padding-left:8px;border-left:3px solid #0B2E59"
ADAPTED_STYLE = "margin:4px 0;padding:4px 8px;background:#F3F4F6;border-left:3px solid #9CA3AF"


def glossed_words(text) -> list[tuple[str, str]]:
    """ "decree: an order | summit: a meeting" -> [("decree", "an order"), ...].

    >>> glossed_words("decree: an official order | summit: a meeting of leaders")
    [('decree', 'an official order'), ('summit', 'a meeting of leaders')]
    >>> glossed_words(None)
    []
    """
    if not isinstance(text, str):
        return []
    pairs = []
    for item in text.split(" | "):
        word, _, meaning = item.partition(":")
        if word.strip() and meaning.strip():
            pairs.append((word.strip(), meaning.strip()))
    return pairs


def _paragraphs(text: str, marked: str = "") -> str:
    """Each paragraph of ``text`` (split at blank lines) as escaped HTML, with the first
    appearance of ``marked`` (the key words) highlighted."""
    out = []
    for part in str(text).split("\n\n"):
        escaped = html.escape(" ".join(part.split()))
        words = html.escape(" ".join(marked.split())) if marked else ""
        if words and words in escaped:
            escaped = escaped.replace(words, f"<mark>{words}</mark>", 1)
            marked = ""
        out.append(f"<p style='margin:4px 0'>{escaped}</p>")
    return "".join(out)


def document_html(doc, sources: pd.DataFrame, reuse: pd.DataFrame | None = None, *,
                  brief: bool = False) -> str:
    """One document as a learner reads it: who, role, when, what kind, whose view; the
    course's head note; the excerpt exactly as published (key words marked) beside the
    course's adapted version, marked as adapted; the glossed words; under what terms it is
    quoted, and its source as a link. ``brief`` leaves out the glossary and the terms, for
    two documents shown side by side.

    >>> docs = load_documents()
    >>> page = document_html(next(docs.itertuples()), load_sources())
    >>> "<mark>" in page and "Adapted by the course" in page
    True
    """
    when = format_date(doc.date, doc.date_precision)
    translation = "" if doc.translation == "original" else f"; {html.escape(doc.translation)}"
    by_source = sources.set_index("source_id")
    first = by_source.loc[doc.source_ids[0]] if doc.source_ids[0] in by_source.index else None
    kind = (f" · source: {html.escape(RELIABILITY[first['reliability']])}"
            if first is not None else "")
    glossed = glossed_words(doc.glossed)
    parts = [
        f"<h4 style='margin:4px 0'>{html.escape(doc.title)}</h4>",
        f"<p><b>{html.escape(doc.speaker)}</b>, {html.escape(doc.role)} · "
        f"{html.escape(when)} · {html.escape(DOCUMENT_TYPES[doc.type])} · the view of "
        f"{html.escape(PERSPECTIVES[doc.perspective])}{kind}</p>",
        f"<p><i>Before you read:</i> {html.escape(doc.head_note)}</p>",
        "<div style='display:flex;flex-wrap:wrap;gap:12px'>",
        "<div style='flex:1 1 260px;min-width:0'><b>The words as published</b>"
        f"<blockquote style='{QUOTE_STYLE}'>{_paragraphs(doc.excerpt, doc.key_words)}"
        f"</blockquote><small>{html.escape(doc.excerpt_position)}. "
        f"{html.escape(doc.language)}{translation}.</small></div>",
        "<div style='flex:1 1 260px;min-width:0'><b>Adapted by the course</b> "
        "<small>(plain English, in the course's words: not a quotation)</small>"
        f"<div style='{ADAPTED_STYLE}'>{_paragraphs(doc.adapted)}</div></div>",
        "</div>",
    ]
    if glossed and not brief:
        parts.append("<p><b>Words to know:</b> " + "; ".join(
            f"<i>{html.escape(w)}</i>: {html.escape(m)}" for w, m in glossed) + "</p>")
    if not brief:
        terms = ""
        if reuse is not None and doc.reuse_id in set(reuse["reuse_id"]):
            row = reuse.set_index("reuse_id").loc[doc.reuse_id]
            terms = (f"Quoted under {html.escape(row['terms'])}. " if bool(row["long_excerpts"])
                     else "Quoted in part (at most two sentences): no terms allowing more "
                          "were found. ")
        parts.append(f"<p><small>{terms}Read it in full: "
                     f"{sources_html(doc.source_ids, sources)}</small></p>")
    return "".join(parts)


def reading_html(doc, events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The course's reading of a document, with the timeline's events that belong to it."""
    related = events_html(doc.event_ids, events, sources)
    return (f"<p><b>The course's reading:</b> {html.escape(doc.course_reading)}</p>"
            + (f"<p>On the timeline:</p>{related}" if related else ""))


class DocumentReader(Explorer):
    """Read the document pack one document at a time, fill in the organiser, then compare
    with the course's reading. Notes are saved with the self-check progress.

    Parameters
    ----------
    documents : DataFrame, optional
        Rows of :func:`lesson_lib.load_documents` (default: the whole pack, by date).
    first : str, optional
        The document_id to open on (default: the earliest).
    lesson : str
        The lesson the notes belong to.
    save : bool
        Keep the notes in the progress file.

    >>> reader = DocumentReader(save=False)
    >>> reader.reveal()
    >>> "Write your own reading first" in reader.reading.value
    True
    >>> reader.fields["sourcing"].value = "A statement by ..."
    >>> reader.reveal()
    >>> "The course's reading" in reader.reading.value
    True
    """

    def __init__(self, documents: pd.DataFrame | None = None, *, first: str | None = None,
                 lesson: str = "01", save: bool = True) -> None:
        docs = load_documents() if documents is None else documents
        self._docs = docs.sort_values(["date", "document_id"]).reset_index(drop=True)
        self._events, self._sources = load_events(), load_sources()
        self._reuse = load_reuse_terms()
        self._notes = LessonNotes(lesson, save)
        self.position = 0
        self.chooser = widgets.Dropdown(
            description="Document", layout=widgets.Layout(width="auto", max_width="100%"),
            options=[(textwrap.shorten(f"{i + 1}. {format_date(d.date, d.date_precision)}: "
                                       f"{d.speaker} ({PERSPECTIVES[d.perspective]})", 90,
                                       placeholder=" …"), i)
                     for i, d in enumerate(self._docs.itertuples())], value=0)
        self.previous = widgets.Button(description="◀ Previous", tooltip="Previous document")
        self.next = widgets.Button(description="Next ▶", tooltip="Next document")
        self.header = widgets.HTML()
        self.fields = {key: widgets.Textarea(
            placeholder="Your notes", continuous_update=False,
            layout=widgets.Layout(width="100%", height="64px")) for key in ORGANISER}
        labelled = []
        for key, question in ORGANISER.items():
            self.fields[key].description_allow_html = False
            labelled += [widgets.HTML(f"<b>{html.escape(question)}</b>"),
                         counted(self.fields[key], note_count)]
        self.reveal_button = widgets.Button(description="Compare with the course's reading",
                                            layout=widgets.Layout(width="auto"))
        self.reading = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.previous.on_click(lambda _b: self.go(self.position - 1))
        self.next.on_click(lambda _b: self.go(self.position + 1))
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.chooser.observe(lambda change: self.go(change["new"]), names="value")
        for key, field in self.fields.items():
            field.observe(lambda change, key=key: self._write(key, change["new"]),
                          names="value")
        self.box = widgets.VBox([
            widgets.HBox([self.previous, self.next, self.chooser],
                          layout=widgets.Layout(flex_flow="row wrap")),
            self.notice, self.header, *labelled, self.reveal_button, self.reading])
        self._loading = False
        ids = list(self._docs["document_id"])
        self.go(ids.index(one_of("first", first, ids)) if first else 0)

    @property
    def document(self):
        return next(self._docs.iloc[[self.position]].itertuples())

    def _key(self, field: str) -> str:
        return f"document:{self.document.document_id}:{field}"

    def go(self, position: int) -> None:
        """Show document ``position`` (0-based), with the notes written for it."""
        self.position = min(max(int(position), 0), len(self._docs) - 1)
        self._loading = True
        try:
            self.chooser.value = self.position
            for key, field in self.fields.items():
                field.value = self._notes.text(self._key(key))
        finally:
            self._loading = False
        self.header.value = document_html(self.document, self._sources, self._reuse)
        self.reading.value = ""

    def _write(self, field: str, text: str) -> None:
        if self._loading:
            return
        message = self._notes.write(self._key(field), text)
        self.notice.value = notice_html(message)

    def reveal(self) -> None:
        """Show the course's reading, once at least one organiser note is written."""
        if not any(field.value.strip() for field in self.fields.values()):
            self.reading.value = ("<p><i>Write your own reading first (at least one box), "
                                  "then compare.</i></p>")
            return
        self.reading.value = reading_html(self.document, self._events, self._sources)


def source_kinds(source_ids, sources: pd.DataFrame) -> str:
    """ "TASS (state-controlled media); Reuters (independent media)": who stands behind each
    source, for the lateral-reading step."""
    by_source = sources.set_index("source_id")
    named = [f"{by_source.loc[s, 'publisher']} ({RELIABILITY[by_source.loc[s, 'reliability']]})"
             for s in source_ids if s in by_source.index]
    return "; ".join(named) or "no source"


def evidence_count_html(evidence: dict[str, tuple], judgements: dict[str, str],
                        sources: pd.DataFrame) -> str:
    """How many independent sources stand behind the evidence the learner says confirms the
    claim, and behind the evidence that contradicts it; context only does not count.

    >>> s = pd.DataFrame({"source_id": ["a", "b"], "reprint_of": [None, "a"]})
    >>> "<b>1</b> independent source" in evidence_count_html(
    ...     {"x": ("a",), "y": ("b",)}, {"x": "confirms", "y": "confirms"}, s)
    True
    """
    def count(kind: str) -> int:
        cited = [s for item, ids in evidence.items() if judgements.get(item) == kind
                 for s in ids]
        return len(independent_sources(cited, sources))

    if not evidence:
        return ""
    confirming, contradicting = count("confirms"), count("contradicts")
    plural = "" if confirming == 1 else "s"
    return (f"<p>Evidence you say <i>confirms</i> the claim rests on <b>{confirming}</b> "
            f"independent source{plural}; evidence that <i>contradicts</i> it on "
            f"<b>{contradicting}</b>. Context-only evidence does not count, a reprint counts "
            "as the report it reprints, and the article cannot confirm itself.</p>")


class CorroborationTask(Explorer):
    """Test one of the article's claims yourself: pick evidence from the document pack and
    the timeline, say what each piece does to the claim, then compare with the course.

    >>> task = CorroborationTask("armenia_invited", save=False)
    >>> task.evidence.value = tuple(v for _, v in task.evidence.options[:2])
    >>> sorted(task.judgements)[:1] == sorted(task.evidence.value)[:1]
    True
    >>> "independent source" in task.count.value
    True
    """

    def __init__(self, claim_id: str = "armenia_invited", *, lesson: str = "01",
                 save: bool = True) -> None:
        self._claims = load_claims().set_index("claim_id")
        self._events, self._sources = load_events(), load_sources()
        self._documents = load_documents()
        self._notes = LessonNotes(lesson, save)
        testable = [c for c, kind in self._claims["kind"].items()
                    if kind in ("reported_fact", "interpretation")]
        one_of("claim_id", claim_id, testable, optional=False)
        self.claim = widgets.Dropdown(
            description="Claim", layout=widgets.Layout(width="auto", max_width="100%"),
            options=[(textwrap.shorten(self._claims.loc[c, "paraphrase"], 100,
                                       placeholder=" …"), c) for c in testable],
            value=claim_id)
        self.sentence = widgets.HTML()
        self.evidence = widgets.SelectMultiple(
            description="Evidence", rows=8, layout=widgets.Layout(width="100%"),
            options=self._evidence_options())
        self.judgement_box = widgets.VBox()
        self.judgements: dict[str, widgets.Dropdown] = {}
        self.count = widgets.HTML()
        self.reveal_button = widgets.Button(description="Compare with the course's verdict",
                                            layout=widgets.Layout(width="auto"))
        self.answer = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.claim.observe(lambda _c: self._show_claim(), names="value")
        self._restoring = False
        self.evidence.observe(lambda _c: self._evidence_chosen(), names="value")
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.box = widgets.VBox([
            self.claim, self.sentence,
            widgets.HTML("<b>Choose two or three pieces of evidence</b> (hold Ctrl or Shift "
                         "to choose more than one; arrow keys move, Space selects):"),
            self.evidence, self.judgement_box, self.count, self.reveal_button, self.answer,
            self.notice])
        self._show_claim()

    def _evidence_options(self) -> list[tuple[str, str]]:
        # The article's claims are about 2014-2016: evidence from those years and the next.
        years = EVIDENCE_YEARS
        docs = [(textwrap.shorten(f"Document: {format_date(d.date, d.date_precision)}, "
                                  f"{d.speaker}: {d.title}", 110, placeholder=" …"),
                 f"document:{d.document_id}")
                for d in self._documents[self._documents["date"].dt.year.between(*years)]
                .sort_values("date").itertuples()]
        events = [(textwrap.shorten(f"Event: {format_span(e.date, e.date_precision)}: "
                                    f"{e.title}", 110, placeholder=" …"), f"event:{e.event_id}")
                  for e in self._events[self._events["date"].dt.year.between(*years)]
                  .sort_values("date").itertuples()]
        return docs + events

    def _evidence_key(self) -> str:
        return f"corroborate:{self.claim.value}:evidence"

    def _show_claim(self) -> None:
        claim = self._claims.loc[self.claim.value]
        self.sentence.value = ("<blockquote style='margin:4px 0;padding-left:8px;"
                               "border-left:3px solid #0B2E59'>"
                               f"“{html.escape(claim['sentence'])}”</blockquote>")
        self.answer.value = ""
        for box in self.judgements.values():  # judgements belong to one claim
            box.close()
        self.judgements.clear()
        offered = {value for _, value in self.evidence.options}
        saved = [item for item in self._notes.text(self._evidence_key()).split(EVIDENCE_SEPARATOR)
                 if item in offered]
        self._restoring = True
        try:
            self.evidence.value = tuple(saved)
        finally:
            self._restoring = False
        self._rebuild()

    def _evidence_chosen(self) -> None:
        if not self._restoring:
            self.notice.value = notice_html(self._notes.write(
                self._evidence_key(), EVIDENCE_SEPARATOR.join(self.evidence.value)))
        self._rebuild()

    def _sources_of(self, item: str) -> tuple:
        kind, _, key = item.partition(":")
        table = self._documents if kind == "document" else self._events
        column = "document_id" if kind == "document" else "event_id"
        rows = table[table[column] == key]
        return rows["source_ids"].iloc[0] if len(rows) else ()

    def _rebuild(self) -> None:
        chosen = list(self.evidence.value)
        labels_by_value = {v: label for label, v in self.evidence.options}
        for item in chosen:
            if item not in self.judgements:
                box = widgets.Dropdown(
                    description="It…", style={"description_width": "initial"},
                    options=[("choose…", "")] + [(t, k) for k, t in JUDGEMENTS.items()],
                    value="", layout=widgets.Layout(width="auto"))
                key = f"corroborate:{self.claim.value}:{item}"
                saved = self._notes.text(key)
                if saved in JUDGEMENTS:
                    box.value = saved
                box.observe(lambda change, key=key: self._save(key, change["new"]),
                            names="value")
                self.judgements[item] = box
        for item in list(self.judgements):
            if item not in chosen:
                self.judgements.pop(item).close()
        self._count()
        self.judgement_box.children = [
            widgets.VBox([widgets.HTML(
                f"<i>{html.escape(labels_by_value[i])}</i><br><small>Who stands behind it: "
                f"{html.escape(source_kinds(self._sources_of(i), self._sources))}</small>"),
                self.judgements[i]]) for i in chosen]

    def _count(self) -> None:
        chosen = list(self.evidence.value)
        self.count.value = evidence_count_html(
            {item: self._sources_of(item) for item in chosen},
            {item: self.judgements[item].value for item in chosen}, self._sources)

    def _save(self, key: str, value: str) -> None:
        self.notice.value = notice_html(self._notes.write(key, value))
        self._count()

    def reveal(self) -> None:
        """The course's verdict and reasoning, after the learner has judged some evidence."""
        if not any(box.value for box in self.judgements.values()):
            self.answer.value = ("<p><i>Choose evidence and say what each piece does to the "
                                 "claim first, then compare.</i></p>")
            return
        claim = self._claims.loc[self.claim.value]
        verdict, note = claim["verdict"], claim["verdict_note"]
        judged = (labels("claims", "verdict")[verdict] if isinstance(verdict, str)
                  else "an interpretation: it can be weighed, not confirmed")
        parts = [f"<p><b>The course's reading:</b> {html.escape(judged)}. "
                 f"{html.escape(note) if isinstance(note, str) else ''}</p>"]
        if isinstance(claim["rival_readings"], str):
            parts.append(f"<p><b>Other readings of the same facts:</b> "
                         f"{html.escape(claim['rival_readings'])}</p>")
        context = claim["context_source_ids"]
        if context:
            parts.append("<p><b>Indirect evidence (context, not proof):</b></p>"
                         + sources_html(context, self._sources))
        parts.append(events_html(claim["event_ids"], self._events, self._sources))
        self.answer.value = "".join(parts)
