"""Every passage the course presents as someone's words, in one register.

The register gathers the 2016 article's sentences (``claims.csv``, checked against the
article itself by the tests), every document's excerpt and key words (``documents.csv``)
and the passages quoted elsewhere in the course, such as the assessment and the practice
test (``quotations.csv``): each with its speaker, its page address and the date its words
were last compared with that page. :func:`unregistered_quotations` reads a text as a
checker would: anything it puts in quotation marks that is not in the register, and not on
the short list of words used as words, is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..formatting import format_date
from ..tables import load_claims, load_documents, load_quotations, load_sources
from .article import ARTICLE_SOURCE_ID

__all__ = ["WORDS_AS_WORDS", "quotation_register", "quoted_spans", "unregistered_quotations",
           "register_markdown"]

# Text in quotation marks that is nobody's quotation: words used as words, labels the
# course itself shows, and statements the course wrote for an exercise. Keep it short: a
# real quotation belongs in the register, not here.
WORDS_AS_WORDS = {
    # the course's own image, used as a name for the question
    "sitting on two chairs": "the course's name for its question",
    "sit on two chairs": "the course's name for its question (also the article's words)",
    # names sides give events, discussed as names
    "special military operation": "Moscow's name for the war, discussed as a name",
    "the Belarusian government": "a name discussed as a name (lesson 00: who 'Belarus' means)",
    # the course's own verdict labels and phrases, quoted to point at them
    "cannot be tested": "a verdict label of lesson 05",
    "it came true": "a verdict label of lesson 05",
    "A model is an argument.": "the course's own motto for lesson 04",
    "somewhere near the middle": "the course's own words, repeated from its table",
    "in the middle": "the course's own words, repeated from its table",
    # JupyterLab's own message, which the start page tells learners how to fix
    "Error displaying widget": "JupyterLab's message",
}
# A quoted span shorter than this many words is a word used as a word, not a quotation.
MIN_WORDS = 3
_SPAN = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+?)’(?![a-z])')
_PLACEHOLDER = re.compile(r"…|\.\.\.")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# A statement the course wrote for an exercise names its invented speaker just before it:
# "A classmate says: ...", "this note: ...", "An invented forecast, written in 2016: ...".
_INVENTED = re.compile(r"(?i)\b(a classmate|a learner|a student|this note|the note|"
                       r"an invented [a-z]+)\b[^\"“\n]{0,40}:\s*$")


def _folded(text: str) -> str:
    """Spaces, line breaks and the two kinds of apostrophe made alike: what a checker
    compares is the words and the marks between them."""
    return " ".join(str(text).replace("’", "'").replace("‘", "'").split())


def quoted_spans(text: str) -> list[str]:
    """The passages a text puts in quotation marks ("…", “…” or ‘…’), leaving out sentence
    starters (which hold a gap, …) and single words or pairs used as words.

    >>> quoted_spans('He said "we want to be friends with everybody" and “might”.')
    ['we want to be friends with everybody']
    >>> quoted_spans('*Sentence starters:* "In 2015 Minsk … because …"')
    []
    >>> quoted_spans('A classmate says: "Belarus traded with Russia alone."')
    []
    """
    text = _INLINE_CODE.sub("", str(text))
    spans = []
    for match in _SPAN.finditer(text):
        span = next(group for group in match.groups() if group is not None)
        if _PLACEHOLDER.search(span) or len(span.split()) < MIN_WORDS:
            continue
        line_before = text[:match.start()].rsplit("\n", 1)[-1]
        if _INVENTED.search(line_before):
            continue
        spans.append(span)
    return spans


def quotation_register() -> pd.DataFrame:
    """One row per registered passage: ``quote_id``, ``kind``, ``text``, ``speaker``,
    ``said`` (at its precision), ``address``, ``checked``.

    >>> register = quotation_register()
    >>> sorted(set(register["kind"]))
    ['article sentence', 'document excerpt', 'document key words', 'quoted passage']
    """
    sources = load_sources().set_index("source_id")

    def address(source_ids) -> str:
        first = source_ids[0] if len(source_ids) else None
        url = sources.loc[first, "url"] if first in sources.index else None
        return url if isinstance(url, str) else ""

    article = sources.loc[ARTICLE_SOURCE_ID]
    rows = []
    for claim in load_claims().itertuples():
        rows.append(dict(quote_id=f"article:{claim.claim_id}", kind="article sentence",
                         text=claim.sentence, speaker="Belarus in Focus (unsigned analysis)",
                         said=format_date(article["published"], "day"),
                         address=article["url"], checked="every test run, against the "
                         "article in shared/source (tests/test_article_text.py)"))
    for doc in load_documents().itertuples():
        said = format_date(doc.date, doc.date_precision)
        checked = doc.checked.date().isoformat()
        for kind, text in (("document excerpt", doc.excerpt), ("document key words",
                                                                doc.key_words)):
            rows.append(dict(quote_id=f"document:{doc.document_id}", kind=kind, text=text,
                             speaker=doc.speaker, said=said,
                             address=address(doc.source_ids), checked=checked))
    for quote in load_quotations().itertuples():
        rows.append(dict(quote_id=f"quotation:{quote.quote_id}", kind="quoted passage",
                         text=quote.text, speaker=quote.speaker,
                         said=format_date(quote.said, quote.said_precision),
                         address=address(quote.source_ids),
                         checked=quote.checked.date().isoformat()))
    return pd.DataFrame(rows)


def unregistered_quotations(texts: Iterable[tuple[str, str]],
                            register: pd.DataFrame | None = None,
                            also_allowed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """``(where, span)`` for every quoted span of ``texts`` (pairs of where and text) that
    stands in no registered passage and is not a word used as a word. A span may differ
    from its passage in spacing and apostrophes, and in the case of its first letter (a
    quotation that starts a sentence). ``also_allowed`` adds texts a span may stand in (the
    course's own labels and titles).

    >>> unregistered_quotations([("x", 'Makei: "we want to be friends with everybody"'),
    ...                          ("y", 'Someone: "we want to be enemies of everybody"')])
    [('y', 'we want to be enemies of everybody')]
    """
    register = quotation_register() if register is None else register
    passages = " \n ".join(_folded(t) for t in register["text"])
    allowed = {_folded(t) for t in WORDS_AS_WORDS}
    labels = " \n ".join(_folded(t) for t in also_allowed)
    missing = []
    for where, text in texts:
        for span in quoted_spans(text):
            folded = _folded(span).rstrip(",.;:")
            if not folded or folded in allowed or _folded(span) in allowed or (
                    labels and folded in labels):
                continue
            variants = {folded, folded[:1].lower() + folded[1:], folded[:1].upper() + folded[1:]}
            if not any(v in passages for v in variants):
                missing.append((where, span))
    return missing


def register_markdown(register: pd.DataFrame | None = None) -> str:
    """The register as a Markdown page for a checker: one entry per passage, grouped by
    kind, with speaker, date, address and the date it was checked."""
    register = quotation_register() if register is None else register
    out = ["# Two Chairs: the quotation register", "",
           "Every passage the course presents as someone's words: the source article's "
           "sentences, each document's excerpt and key words, and the passages quoted in the "
           "assessment, the practice test and the lessons. Generated from the data by "
           "`make quotations`; edit `lesson_lib/data/` (documents.csv, quotations.csv, "
           "claims.csv), never this page.", ""]
    for kind, group in register.groupby("kind", sort=False):
        out += [f"## {kind[:1].upper()}{kind[1:]}s ({len(group)})", ""]
        for row in group.itertuples():
            text = " ".join(str(row.text).split())
            out += [f"- **{row.quote_id}**: {row.speaker}, {row.said}. "
                    f"<{row.address}> (checked {row.checked})", "", f"  > {text}", ""]
    return "\n".join(out).rstrip() + "\n"
