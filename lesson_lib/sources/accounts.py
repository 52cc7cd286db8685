"""Two accounts of one event, and the claim a learner writes from documents.

:class:`ConflictingAccounts` puts two documents that disagree side by side, with a third
source and an organiser (what each says, why they might differ, what the third adds); the
course's reading opens once the learner has written one answer. :class:`CoreClaim` ends a
lesson's Core: the learner ticks the documents they use (at least two), writes a claim with
sentence starters at hand, and then compares it with the course's model answer. Everything
the learner writes or ticks is saved with their progress (``LessonNotes``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .._checks import one_of
from ..checks.progress import LessonNotes, note_count
from ..display import Explorer, counted, notice_html
from ..formatting import format_date
from ..tables import (
    load_account_pairs,
    load_core_claims,
    load_documents,
    load_reuse_terms,
    load_sources,
)
from .documents import PERSPECTIVES, document_html

__all__ = ["ORGANISER_STEPS", "CLAIM_MINIMUM_DOCUMENTS", "ConflictingAccounts", "CoreClaim",
           "starters_html", "pairs_of_lesson"]

# The organiser for two accounts, after Reading Like a Historian's corroboration charts, in
# the course's words; each step has the column of account_pairs.csv that answers it.
ORGANISER_STEPS = {
    "each_says": "1. What does each document say about the question? Quote a few words of each.",
    "why_they_differ": "2. Why might they differ? Think of who speaks, when, to whom, and why.",
    "third_adds": "3. What does the third source add? What does none of them settle?",
}
CLAIM_MINIMUM_DOCUMENTS = 2
# Ticked documents are saved as one note: their ids joined by a space (ids hold none).
_ID_SEPARATOR = " "


def starters_html(starters: str) -> str:
    """Sentence starters ("a | b") as a list a learner can copy from.

    >>> print(starters_html("In 2015 Minsk … | However, …"))
    <p><i>Sentence starters:</i></p><ul><li>In 2015 Minsk …</li><li>However, …</li></ul>
    """
    items = [s.strip() for s in str(starters).split("|") if s.strip()]
    return ("<p><i>Sentence starters:</i></p><ul>"
            + "".join(f"<li>{html.escape(s)}</li>" for s in items) + "</ul>")


def _document_label(doc) -> str:
    return (f"{format_date(doc.date, doc.date_precision)}, {doc.speaker} "
            f"({PERSPECTIVES[doc.perspective]})")


class ConflictingAccounts(Explorer):
    """Two documents that disagree about one event, a third source and the organiser.

    >>> pair = ConflictingAccounts("air_base_2015", save=False)
    >>> pair.reveal()
    >>> "Write an answer first" in pair.reading.value
    True
    >>> pair.fields["each_says"].value = "Putin orders talks; Lukashenko says not now."
    >>> pair.reveal()
    >>> "The course's reading" in pair.reading.value
    True
    """

    def __init__(self, pair_id: str, *, lesson: str | None = None, save: bool = True) -> None:
        pairs = load_account_pairs().set_index("pair_id")
        one_of("pair_id", pair_id, list(pairs.index), optional=False)
        self.pair_id = pair_id
        self.pair = pairs.loc[pair_id]
        documents = load_documents().set_index("document_id", drop=False)
        sources, reuse = load_sources(), load_reuse_terms()
        self._notes = LessonNotes(lesson or self.pair["lesson"], save)

        def shown(doc_id: str, brief: bool) -> str:
            doc = next(documents.loc[[doc_id]].itertuples(index=False))
            return document_html(doc, sources, reuse, brief=brief)

        self.question = widgets.HTML(
            f"<p><b>The question:</b> {html.escape(self.pair['question'])}</p>")
        column = widgets.Layout(flex="1 1 340px", min_width="0", border="1px solid #ddd",
                                padding="6px")
        self.first = widgets.HTML(shown(self.pair["first_document_id"], True), layout=column)
        self.second = widgets.HTML(shown(self.pair["second_document_id"], True),
                                   layout=widgets.Layout(flex="1 1 340px", min_width="0",
                                                         border="1px solid #ddd",
                                                         padding="6px"))
        self.third = widgets.HTML("<p><b>A third source</b></p>"
                                  + shown(self.pair["third_document_id"], False))
        self.fields: dict[str, widgets.Textarea] = {}
        organiser = []
        for key, prompt in ORGANISER_STEPS.items():
            area = widgets.Textarea(placeholder="Your answer", continuous_update=False,
                                    value=self._notes.text(self._key(key)),
                                    layout=widgets.Layout(width="100%", height="64px"))
            area.observe(lambda change, key=key: self._write(key, change["new"]),
                         names="value")
            self.fields[key] = area
            organiser += [widgets.HTML(f"<b>{html.escape(prompt)}</b>"), counted(area, note_count)]
        self.reveal_button = widgets.Button(description="Compare with the course's reading",
                                            layout=widgets.Layout(width="auto"))
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.reading = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([
            self.question,
            widgets.HBox([self.first, self.second],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.third, *organiser, self.reveal_button, self.reading, self.notice])

    def _key(self, field: str) -> str:
        return f"accounts:{self.pair_id}:{field}"

    def _write(self, field: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(self._key(field), text))

    def reveal(self) -> None:
        """The course's reading of the pair, once the learner has written one answer."""
        if not any(area.value.strip() for area in self.fields.values()):
            self.reading.value = ("<p><i>Write an answer first (at least one box), then "
                                  "compare.</i></p>")
            return
        parts = [f"<p><b>{html.escape(ORGANISER_STEPS[key])}</b><br>"
                 f"{html.escape(self.pair[key])}</p>" for key in ORGANISER_STEPS]
        self.reading.value = "<p><b>The course's reading:</b></p>" + "".join(parts)


class CoreClaim(Explorer):
    """The claim that ends a lesson's Core: tick the documents you use, write, compare.

    >>> claim = CoreClaim("01", save=False)
    >>> claim.text.value = "In 2015 Minsk could talk to both sides."
    >>> claim.reveal()
    >>> "at least 2 documents" in claim.answer.value
    True
    >>> claim.documents.value = tuple(claim.documents.options[i][1] for i in (0, 1))
    >>> claim.reveal()
    >>> "The course's model answer" in claim.answer.value
    True
    """

    def __init__(self, lesson: str, *, save: bool = True) -> None:
        claims = load_core_claims().set_index("lesson")
        one_of("lesson", lesson, list(claims.index), optional=False)
        self.lesson = lesson
        self.row = claims.loc[lesson]
        documents = load_documents()
        self._notes = LessonNotes(lesson, save)
        pairs = load_account_pairs()
        of_lesson = pairs[pairs["lesson"] == lesson]
        # The lesson's own documents first, then the rest of the pack by date.
        own = [d for row in of_lesson.itertuples() for d in (
            row.first_document_id, row.second_document_id, row.third_document_id)]
        own += [d for d in self.row["document_ids"] if d not in own]
        ordered = own + [d for d in documents.sort_values("date")["document_id"]
                         if d not in own]
        by_id = {doc.document_id: doc for doc in documents.itertuples(index=False)}
        options = [("The 2016 article (Belarus in Focus)", "article")] + [
            (_document_label(by_id[d]), d) for d in ordered]
        saved = self._notes.text(self._key("documents")).split(_ID_SEPARATOR)
        valid = {v for _, v in options}
        self.prompt = widgets.HTML(
            f"<p><b>Your claim.</b> {html.escape(self.row['prompt'])}</p>"
            + starters_html(self.row["starters"]))
        self.documents = widgets.SelectMultiple(
            description="I use", options=options, rows=6,
            value=tuple(d for d in saved if d in valid),
            layout=widgets.Layout(width="100%"))
        self.text = widgets.Textarea(placeholder="Your claim, in two or three sentences",
                                     value=self._notes.text(self._key("text")),
                                     continuous_update=False,
                                     layout=widgets.Layout(width="100%", height="96px"))
        self.documents.observe(lambda change: self._write(
            "documents", _ID_SEPARATOR.join(change["new"])), names="value")
        self.text.observe(lambda change: self._write("text", change["new"]), names="value")
        self.reveal_button = widgets.Button(description="Compare with the course's answer",
                                            layout=widgets.Layout(width="auto"))
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.answer = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([
            self.prompt,
            widgets.HTML("<b>Which documents does your claim use?</b> (hold Ctrl or Shift "
                         "to choose more than one)"),
            self.documents, counted(self.text, note_count), self.reveal_button,
            self.answer, self.notice])

    def _key(self, field: str) -> str:
        return f"claim:{self.lesson}:{field}"

    def _write(self, field: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(self._key(field), text))

    def reveal(self) -> None:
        """The model answer, once the claim is written and uses at least two documents."""
        if not self.text.value.strip():
            self.answer.value = "<p><i>Write your claim first, then compare.</i></p>"
            return
        if len(self.documents.value) < CLAIM_MINIMUM_DOCUMENTS:
            self.answer.value = (f"<p><i>A claim from documents uses at least "
                                 f"{CLAIM_MINIMUM_DOCUMENTS} documents: tick the ones you "
                                 "used (or add one), then compare.</i></p>")
            return
        self.answer.value = ("<p><b>The course's model answer</b> (one good answer among "
                             f"many):</p><p>{html.escape(self.row['model_answer'])}</p>")


def pairs_of_lesson(lesson: str) -> pd.DataFrame:
    """The account pairs a lesson reads."""
    pairs = load_account_pairs()
    return pairs[pairs["lesson"] == lesson]
