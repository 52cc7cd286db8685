"""Turning data into words: dates at their real precision, sources as text or safe links."""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Iterable

import pandas as pd
from anyascii import anyascii

__all__ = ["format_date", "format_span", "source_line", "title_language", "sources_html",
           "events_html", "wrap", "plotly_text", "sources_summary", "normalise_text",
           "TextVersion", "text_version_html"]


def format_date(date, precision: str | None = "day") -> str:
    """Write a date as exactly as it is known: "25 July 2016", "July 2016" or "2016".

    >>> format_date(pd.Timestamp("2016-07-01"), "month")
    'July 2016'
    >>> format_date(pd.Timestamp("2016-07-25"))
    '25 July 2016'
    >>> format_date(None)
    'undated'
    """
    if date is None or pd.isna(date):
        return "undated"
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B} {date.year}"
    return f"{date.day} {date:%B} {date.year}"


def format_span(start, precision: str | None, end=None) -> str:
    """A date, or a span "8-9 July 2016" / "30 November - 2 December 2021" when an end is given.

    >>> format_span(pd.Timestamp("2016-07-08"), "day", pd.Timestamp("2016-07-09"))
    '8-9 July 2016'
    >>> format_span(pd.Timestamp("2021-11-15"), "day", pd.Timestamp("2021-12-02"))
    '15 November - 2 December 2021'
    """
    if end is None or pd.isna(end) or precision != "day":
        return format_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start:%B} - {end.day} {end:%B} {end.year}"
    return f"{format_date(start)} - {format_date(end)}"


def title_language(title: str) -> str | None:
    """The language of a title in Cyrillic, from the letters only one language uses, so a
    reader knows what a link will open in; ``None`` for a title in the Latin alphabet.

    >>> title_language("Россия и Украина проводят переговоры")
    'Russian'
    >>> title_language("Білорусь призупинила участь"), title_language("EU lifts")
    ('Ukrainian', None)
    >>> title_language("Полку Калиновського виповнилось три роки")
    'a Cyrillic language'
    """
    text = str(title).lower()
    if not re.search("[а-яёіїєґў]", text):
        return None
    # ў is Belarusian alone; ї, є, ґ Ukrainian alone; і with ы or э Belarusian, і without
    # them Ukrainian; ы, э, ъ, ё without і Russian.
    if "ў" in text or ("і" in text and re.search("[ыэ]", text)):
        return "Belarusian"
    if re.search("[їєґі]", text):
        return "Ukrainian"
    # Russian's "и" (and) and "с" (with) as words: Ukrainian writes "і" and "з".
    if re.search("[ыэъё]", text) or re.search(r"(^|\s)[ис](\s|$)", text):
        return "Russian"
    return "a Cyrillic language"  # no letter decides it: say no more than we know


def source_line(source: pd.Series | dict) -> str:
    """One source as plain text: publisher, title (with its language when not English: the
    ``title_language`` column, or the letters of a Cyrillic title), date.

    >>> s = pd.Series({"publisher": "Reuters", "title": "EU lifts sanctions",
    ...                "published": pd.Timestamp("2016-02-15"), "published_precision": "day"})
    >>> source_line(s)
    'Reuters, "EU lifts sanctions", 15 February 2016'
    """
    given = source.get("title_language")
    language = given if isinstance(given, str) and given else title_language(source["title"])
    parts = [source["publisher"], f'"{source["title"]}"' + (f" (in {language})" if language
                                                             else "")]
    if not pd.isna(source["published"]):
        parts.append(format_date(source["published"], source["published_precision"]))
    return ", ".join(parts)


def sources_html(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """An HTML list of sources as links; every piece of text is escaped.

    >>> s = pd.DataFrame({"source_id": ["a"], "publisher": ["<b>X</b>"], "title": ["T"],
    ...                   "published": [pd.NaT], "published_precision": [None],
    ...                   "url": ["https://example.org/?a=1&b=2"]})
    >>> out = sources_html(["a"], s)
    >>> "&lt;b&gt;X&lt;/b&gt;" in out and 'href="https://example.org/?a=1&amp;b=2"' in out
    True
    """
    wanted = list(source_ids)
    # One pass over the few rows wanted: indexing the whole table for each list of sources
    # made a lesson of many evidence lists slow to open.
    by_id = {row["source_id"]: row for row in
             sources[sources["source_id"].isin(wanted)].to_dict("records")}
    items = []
    for sid in wanted:
        if sid not in by_id:
            continue
        row = by_id[sid]
        text = html.escape(source_line(row))
        url = row["url"]
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            # Underlined and blue: JupyterLab's own style makes links look like plain text.
            items.append(f'<li><a href="{html.escape(url)}" target="_blank" rel="noopener" '
                         f'style="color:#0B57D0;text-decoration:underline">{text}</a></li>')
        else:
            items.append(f"<li>{text}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def events_html(event_ids: Iterable[str], events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """An HTML list of events, each with its date at its precision and its sources as links.

    Unknown ids are skipped; an empty list gives an empty string.
    """
    by_event = events.set_index("event_id")
    items = []
    for event_id in event_ids:
        if event_id not in by_event.index:
            continue
        e = by_event.loc[event_id]
        when = format_span(e["date"], e["date_precision"], e["end_date"])
        items.append(f"<li><b>{html.escape(when)}</b>: {html.escape(e['title'])}"
                     f"{sources_html(e['source_ids'], sources)}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def plotly_text(text) -> str:
    """Plain text made safe for a plotly label or hover: ``<``, ``>`` and ``&`` escaped, and
    nothing else, because plotly decodes those entities but shows ``&quot;`` as it is.

    >>> plotly_text('Reuters, "EU <b>lifts</b>" & more')
    'Reuters, "EU &lt;b&gt;lifts&lt;/b&gt;" &amp; more'
    """
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 70, sep: str = "<br>") -> str:
    """Wrap plain text for a plotly hover label, escaping each line for plotly.

    >>> wrap("a <b> c", width=3)
    'a<br>&lt;b&gt;<br>c'
    """
    if not text:
        return ""
    return sep.join(plotly_text(line) for line in textwrap.wrap(str(text), width=width))


def sources_summary(lines: list[str], where: str, shown: int = 2) -> list[str]:
    """At most ``shown`` source lines, then "+N more" and ``where`` to find them all: a hover
    must fit on a screen.

    >>> sources_summary(["a", "b", "c", "d"], "see Details")
    ['a', 'b', '+2 more: see Details']
    """
    extra = len(lines) - shown
    return lines[:shown] + ([f"+{extra} more: {where}"] if extra > 0 else [])


# Spellings that differ between transliteration systems (and English habits) fold together;
# the digraphs meet Belarusian Latin letters with their accents removed (š, č, ž).
_VARIANTS = [("shch", "sc"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("kh", "h"), ("ya", "ia"),
             ("yu", "iu"), ("ye", "e"), ("ij", "i"), ("iy", "i"), ("y", "i"), ("w", "v"),
             ("ou", "u"), ("iia", "ia")]


def normalise_text(text: str) -> str:
    """Fold script, case, accents, punctuation and common transliteration differences.

    Cyrillic (Belarusian or Russian) is transliterated with ``anyascii`` first, so a
    learner may answer in their own script.

    >>> normalise_text("  Rinkēvičs ") == normalise_text("Rinkevics")
    True
    >>> normalise_text("Tsikhanouskaya") == normalise_text("Ціханоўская")
    True
    >>> normalise_text("Латвия") == normalise_text("Латвія") == normalise_text("Latvia")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = anyascii(plain).lower()
    plain = re.sub(r"[^a-z0-9 ]+", " ", plain)
    plain = " ".join(plain.split())
    for old, new in _VARIANTS:
        plain = plain.replace(old, new)
    return plain


class TextVersion(str):
    """A chart's text version: plain text to ``print`` or test, and in a notebook a block
    that wraps at spaces (see :func:`text_version_html`).

    >>> TextVersion("Title\\n  one\\n  two")._repr_html_().count("<li>")
    2
    """

    def _repr_html_(self) -> str:
        return text_version_html(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))


def text_version_html(text: str) -> str:
    """A text version as HTML: each line a paragraph, the indented lines under it a list.

    JupyterLab breaks the words of printed text anywhere on a narrow screen ("Partne" /
    "rship"); this block breaks only between words, and inside a word only when the word
    alone is wider than the screen (a long address).

    >>> print(text_version_html("Ties of <Belarus>:\\n  Russia\\nEnd"))  # doctest: +ELLIPSIS
    <div ...><p ...>Ties of &lt;Belarus&gt;:</p><ul ...><li>Russia</li></ul><p ...>End</p></div>
    """
    parts: list[str] = []
    items: list[str] = []

    def close_list() -> None:
        if items:
            parts.append("<ul style='margin:0 0 0.4em 0'>"
                         + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in str(text).splitlines():
        if line.startswith("  ") and line.strip():
            items.append(line.strip())
            continue
        close_list()
        if line.strip():
            parts.append(f"<p style='margin:0.25em 0'>{html.escape(line)}</p>")
    close_list()
    return ("<div class='two-chairs-text-version' style='white-space: normal; "
            "word-break: normal; overflow-wrap: break-word'>" + "".join(parts) + "</div>")
