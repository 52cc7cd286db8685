"""Lesson 07's argument, before the writing: the document set, the buckets, the thesis and
the outline (the document-based question's arc, after the DBQ Project's method).

:class:`EssayDocuments` shows the set, lettered as learners cite it (A is the source
article). :class:`Bucketing` lets the learner sort every document by the answer it
supports; :class:`ThesisBuilder` turns the buckets into a claim with a reason and a
concession; :class:`EssayOutline` gives each paragraph a topic and its documents. Each
keeps what the learner chose or wrote in their progress (``LessonNotes``), saved as they
go, so a reload finds all of it back.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .._checks import one_of
from ..checks.progress import LessonNotes
from ..display import Explorer, notice_html
from ..formatting import format_date
from ..tables import load_documents, load_essay_documents, load_reuse_terms, load_sources
from .article import article_label
from .claims import article_paragraphs
from .documents import ADAPTED_STYLE, QUOTE_STYLE, document_html

__all__ = ["ESSAY_LESSON", "ESSAY_QUESTION", "BUCKETS", "UNSORTED", "THESIS_PARTS",
           "essay_set", "thesis_sentence", "thesis_from_notes", "outline_from_notes",
           "EssayDocuments", "Bucketing", "ThesisBuilder", "EssayOutline"]

ESSAY_LESSON = "07"
ESSAY_QUESTION = "Could Minsk sit on two chairs, and for how long?"
ARTICLE = "article"
# The answers a document can support; the learner puts each document in one of them.
BUCKETS = {
    "both_sides": "Yes: Minsk kept ties with both sides and moved between them",
    "within_limits": "Only within limits: Minsk could talk to the West, but not leave "
                     "Moscow's side in security",
    "moscow": "No: Minsk sat on Moscow's chair (all along, or from a certain year)",
    "not_useful": "Not useful for this question",
}
UNSORTED = ""
THESIS_PARTS = {
    "claim": ("My claim", "Minsk could … until …"),
    "because": ("because", "the documents show that …"),
    "although": ("although", "some documents suggest …"),
}
PARAGRAPHS = 3


def essay_set() -> pd.DataFrame:
    """The document set: ``letter``, ``document_id`` (``"article"`` for A), ``label``
    (the letter, date and speaker learners see) and ``date``.

    >>> essay_set()["label"].iloc[0]
    'A · 25 July 2016 · Belarus in Focus (the source article)'
    """
    chosen = load_essay_documents()
    documents = load_documents().set_index("document_id")
    rows = []
    for row in chosen.itertuples():
        if not isinstance(row.document_id, str):
            rows.append(dict(letter=row.letter, document_id=ARTICLE,
                             label=f"{row.letter} · 25 July 2016 · Belarus in Focus "
                                   "(the source article)",
                             date=pd.Timestamp("2016-07-25")))
            continue
        doc = documents.loc[row.document_id]
        rows.append(dict(letter=row.letter, document_id=row.document_id,
                         label=f"{row.letter} · {format_date(doc['date'], doc['date_precision'])}"
                               f" · {doc['speaker']}", date=doc["date"]))
    return pd.DataFrame(rows)


def thesis_sentence(parts: dict[str, str]) -> str:
    """The three parts as one sentence, for the learner to check and copy.

    >>> thesis_sentence({"claim": "Minsk could balance until 2020.",
    ...                  "because": "it kept talking to the West", "although": ""})
    'Minsk could balance until 2020, because it kept talking to the West.'
    """
    claim = parts.get("claim", "").strip().rstrip(".")
    because = parts.get("because", "").strip().rstrip(".")
    although = parts.get("although", "").strip().rstrip(".")
    if not claim:
        return ""
    sentence = claim
    if because:
        sentence += ", because " + because.removeprefix("because ").strip()
    if although:
        sentence += ", although " + although.removeprefix("although ").strip()
    return sentence + "."


# Document A, the source article, is not in the pack: its head note, adapted version and
# words are the course's own, here.
ARTICLE_HEAD_NOTE = (
    "25 July 2016: an unsigned analysis in Belarus in Focus, a weekly commentary published "
    "in Warsaw by the Solidarity with Belarus Information Office and written with "
    "Belarusian analysts. It appeared two weeks after NATO's summit in Warsaw, for readers "
    "who follow Belarus closely: diplomats, journalists, researchers.")
ARTICLE_ADAPTED = (
    "Minsk keeps moving between the West and Russia. It opens more ways to talk with the "
    "West, offers Russia more help in security, and promises the West to keep the region "
    "calm. But it will not commit to the West in security.\n\n"
    "NATO did not invite Belarus to its summit in Warsaw, though it invited Armenia, a close "
    "ally of Russia. For the article this was a message: Minsk may balance in politics, but "
    "in security it must choose a side.\n\n"
    "In July 2016 Belarus's foreign minister visited Latvia, which then spoke for NATO's "
    "members in Minsk. The two countries plan agreements, perhaps even on defence.\n\n"
    "If Russia and NATO went to war, Belarus could hardly stay out: Russia would call "
    "neutrality betrayal, and NATO expects Belarus to fight beside Russia. Minsk hopes that "
    "talking to the West will make it look less like a threat; Russia might prefer a "
    "friendly neutral Belarus to one pushed toward the West.")
ARTICLE_WORDS = [
    ("manoeuvring", "moving carefully to gain an advantage"),
    ("Eastern Partnership", "the EU's programme of ties with six former Soviet states"),
    ("the Kremlin", "Russia's leadership"),
    ("lobby", "people who push a government to do something"),
    ("obsolete", "old and out of date"),
]


def _article_html() -> str:
    paragraphs = article_paragraphs()
    body = "".join(f"<p style='margin:4px 0'>{html.escape(p)}</p>" for p in paragraphs[1:])
    adapted = "".join(f"<p style='margin:4px 0'>{html.escape(p)}</p>"
                      for p in ARTICLE_ADAPTED.split("\n\n"))
    words = "; ".join(f"<i>{html.escape(w)}</i>: {html.escape(m)}" for w, m in ARTICLE_WORDS)
    return (f"<h4 style='margin:4px 0'>{html.escape(paragraphs[0])}</h4>"
            f"<p><i>Before you read:</i> {html.escape(ARTICLE_HEAD_NOTE)}</p>"
            "<div style='display:flex;flex-wrap:wrap;gap:12px'>"
            "<div style='flex:1 1 260px;min-width:0'><b>The words as published</b>"
            f"<blockquote style='{QUOTE_STYLE}'>{body}</blockquote>"
            f"<small>{html.escape(article_label())}</small></div>"
            "<div style='flex:1 1 260px;min-width:0'><b>Adapted by the course</b> "
            "<small>(a short version in plain English, in the course's words: not a "
            f"quotation)</small><div style='{ADAPTED_STYLE}'>{adapted}</div></div></div>"
            f"<p><b>Words to know:</b> {words}</p>")


def thesis_from_notes(notes: dict) -> str:
    """The thesis sentence from saved notes (``LessonNotes.notes`` of lesson 07)."""
    return thesis_sentence({key: notes.get(f"essay:thesis:{key}", {}).get("text", "")
                            for key in THESIS_PARTS})


def outline_from_notes(notes: dict) -> str:
    """The outline as lines of text from saved notes, one line per paragraph written.

    >>> outline_from_notes({"essay:outline:2:point": {"text": "After 2020"},
    ...                     "essay:outline:2:letters": {"text": "I J"}})
    'Paragraph 2: After 2020 (documents I, J)'
    """
    lines = []
    for number in range(1, PARAGRAPHS + 1):
        point = notes.get(f"essay:outline:{number}:point", {}).get("text", "").strip()
        letters = notes.get(f"essay:outline:{number}:letters", {}).get("text", "").split()
        if point or letters:
            used = f" (documents {', '.join(letters)})" if letters else ""
            lines.append(f"Paragraph {number}: {point}{used}")
    return "\n".join(lines)


class EssayDocuments(Explorer):
    """The document set, one document at a time, chosen by its letter.

    >>> shown = EssayDocuments()
    >>> shown.choose("G")
    >>> "We don&#x27;t need a base at the moment" in shown.page.value
    True
    """

    def __init__(self) -> None:
        self._set = essay_set()
        self._documents = load_documents().set_index("document_id", drop=False)
        self._sources, self._reuse = load_sources(), load_reuse_terms()
        self.chooser = widgets.Dropdown(
            description="Document", options=[(r.label, r.letter)
                                             for r in self._set.itertuples()],
            layout=widgets.Layout(width="auto", max_width="100%"))
        self.page = widgets.HTML()
        self.chooser.observe(lambda change: self.choose(change["new"]), names="value")
        self.box = widgets.VBox([self.chooser, self.page])
        self.choose(self._set["letter"].iloc[0])

    def choose(self, letter: str) -> None:
        """Show the document with ``letter``."""
        one_of("letter", letter, list(self._set["letter"]), optional=False)
        self.chooser.value = letter
        doc_id = self._set.set_index("letter").loc[letter, "document_id"]
        if doc_id == ARTICLE:
            self.page.value = f"<p><b>Document {letter}</b></p>" + _article_html()
            return
        doc = next(self._documents.loc[[doc_id]].itertuples(index=False))
        self.page.value = (f"<p><b>Document {letter}</b></p>"
                           + document_html(doc, self._sources, self._reuse))


class Bucketing(Explorer):
    """Sort every document of the set by the answer it supports; saved as you go.

    >>> sort = Bucketing(save=False)
    >>> sort.menus["G"].value = "within_limits"
    >>> "G" in sort.summary.value and "Only within limits" in sort.summary.value
    True
    """

    def __init__(self, *, save: bool = True) -> None:
        self._set = essay_set()
        self._notes = LessonNotes(ESSAY_LESSON, save)
        self.menus: dict[str, widgets.Dropdown] = {}
        rows = []
        for row in self._set.itertuples():
            saved = self._notes.text(self._key(row.letter))
            menu = widgets.Dropdown(
                options=[("choose…", UNSORTED)] + [(label, key)
                                                   for key, label in BUCKETS.items()],
                value=saved if saved in BUCKETS else UNSORTED,
                description=row.letter, description_allow_html=False,
                style={"description_width": "24px"},
                layout=widgets.Layout(width="100%", max_width="760px"))
            menu.observe(lambda change, letter=row.letter: self._write(letter, change["new"]),
                         names="value")
            self.menus[row.letter] = menu
            rows.append(widgets.VBox([widgets.HTML(f"<small>{html.escape(row.label)}</small>"),
                                      menu]))
        self.summary = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([*rows, self.summary, self.notice])
        self._show()

    @staticmethod
    def _key(letter: str) -> str:
        return f"essay:bucket:{letter}"

    def _write(self, letter: str, bucket: str) -> None:
        self.notice.value = notice_html(self._notes.write(self._key(letter), bucket))
        self._show()

    def buckets(self) -> dict[str, list[str]]:
        """Each bucket with the letters sorted into it, and the letters not yet sorted."""
        sorted_ = {key: [] for key in BUCKETS}
        sorted_[UNSORTED] = []
        for letter, menu in self.menus.items():
            sorted_[menu.value].append(letter)
        return sorted_

    def _show(self) -> None:
        buckets = self.buckets()
        lines = [f"<li><b>{html.escape(BUCKETS[key])}</b>: "
                 f"{', '.join(buckets[key]) or '—'}</li>" for key in BUCKETS]
        left = buckets[UNSORTED]
        tail = (f"<p>Not sorted yet: {', '.join(left)}.</p>" if left
                else "<p>Every document is sorted. The biggest bucket is not always the "
                     "answer: a few strong documents can outweigh many weak ones.</p>")
        self.summary.value = "<p><b>Your buckets</b></p><ul>" + "".join(lines) + "</ul>" + tail


class ThesisBuilder(Explorer):
    """A claim, a reason and a concession, shown as one sentence; saved as you go.

    >>> thesis = ThesisBuilder(save=False)
    >>> thesis.fields["claim"].value = "Minsk could balance only until 2020"
    >>> thesis.fields["because"].value = "the West closed its door after the election"
    >>> "Minsk could balance only until 2020, because the West" in thesis.sentence.value
    True
    """

    def __init__(self, *, save: bool = True) -> None:
        self._notes = LessonNotes(ESSAY_LESSON, save)
        self.fields: dict[str, widgets.Textarea] = {}
        parts = []
        for key, (label, hint) in THESIS_PARTS.items():
            area = widgets.Textarea(value=self._notes.text(f"essay:thesis:{key}"),
                                    placeholder=hint, continuous_update=False,
                                    layout=widgets.Layout(width="100%", height="48px"))
            area.observe(lambda change, key=key: self._write(key, change["new"]),
                         names="value")
            self.fields[key] = area
            parts += [widgets.HTML(f"<b>{html.escape(label)}</b>"), area]
        self.sentence = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([*parts, self.sentence, self.notice])
        self._show()

    def _write(self, key: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(f"essay:thesis:{key}", text))
        self._show()

    def text(self) -> str:
        return thesis_from_notes(self._notes.notes)

    def _show(self) -> None:
        sentence = self.text()
        self.sentence.value = (f"<p><b>Your thesis:</b> {html.escape(sentence)}</p>"
                               if sentence else
                               "<p><i>Write your claim; your thesis appears here.</i></p>")


class EssayOutline(Explorer):
    """One line per paragraph: its point, and the documents (by letter) it uses.

    >>> outline = EssayOutline(save=False)
    >>> outline.points[0].value = "Before 2020 Minsk talked to both sides"
    >>> outline.letters[0].value = ("D", "F")
    >>> outline.as_text().splitlines()[0]
    'Paragraph 1: Before 2020 Minsk talked to both sides (documents D, F)'
    """

    def __init__(self, *, save: bool = True) -> None:
        self._set = essay_set()
        self._notes = LessonNotes(ESSAY_LESSON, save)
        letters = [(r.label, r.letter) for r in self._set.itertuples()]
        self.points: list[widgets.Textarea] = []
        self.letters: list[widgets.SelectMultiple] = []
        rows = []
        for number in range(1, PARAGRAPHS + 1):
            point = widgets.Textarea(
                value=self._notes.text(f"essay:outline:{number}:point"),
                placeholder="The point of this paragraph, in one sentence",
                continuous_update=False, layout=widgets.Layout(width="100%", height="48px"))
            saved = self._notes.text(f"essay:outline:{number}:letters").split()
            chosen = widgets.SelectMultiple(
                options=letters, value=tuple(x for x in saved if x in dict(letters).values()),
                rows=4, description="Documents", layout=widgets.Layout(width="100%"))
            point.observe(lambda change, n=number: self._write(n, "point", change["new"]),
                          names="value")
            chosen.observe(lambda change, n=number: self._write(
                n, "letters", " ".join(change["new"])), names="value")
            self.points.append(point)
            self.letters.append(chosen)
            rows.append(widgets.VBox([widgets.HTML(f"<b>Paragraph {number}</b>"), point,
                                      chosen]))
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([*rows, self.notice])

    def _write(self, number: int, part: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(f"essay:outline:{number}:{part}",
                                                          text))

    def as_text(self) -> str:
        """The outline as lines of text, for the file handed in."""
        return outline_from_notes(self._notes.notes)
