"""The source article the course is built around: its id, its date, and how to cite it.

Every other module asks here; the article's date and id are written nowhere else.
"""

from __future__ import annotations

import pandas as pd

from ..errors import LessonError, Problem
from ..formatting import TextVersion, format_date
from ..tables import load_sources

__all__ = ["ARTICLE_SOURCE_ID", "ARTICLE_DATE", "AS_THE_AUTHOR_SAW_IT", "article_citation",
           "article_label"]

ARTICLE_SOURCE_ID = "bif_2016_07_25_minsk_nato"
# The day the article appeared: what "as the author saw it" means in the lessons.
ARTICLE_DATE = pd.Timestamp("2016-07-25")
# The switch "as the author saw it" hides everything after the article's month: events
# of July 2016 dated only to the month may have been known when it was written.
AS_THE_AUTHOR_SAW_IT = ARTICLE_DATE + pd.offsets.MonthEnd(0)


def _article_row() -> pd.Series:
    sources = load_sources()
    row = sources[sources["source_id"] == ARTICLE_SOURCE_ID]
    if row.empty:
        raise LessonError(Problem(
            "the sources table has no row for the source article", column="source_id",
            expected=f'a row with source_id "{ARTICLE_SOURCE_ID}"'))
    return row.iloc[0]


def article_label() -> str:
    """Outlet and date, the short form used beside a quotation.

    >>> article_label()
    'Belarus in Focus, 25 July 2016'
    """
    article = _article_row()
    return f"{article['publisher']}, {format_date(article['published'])}"


def article_citation() -> str:
    """A one-line citation of the source article, read from the sources table.

    >>> print(article_citation())
    "Minsk seeks to demonstrate to NATO its independence", Belarus in Focus, 25 July 2016, https://belarusinfocus.info/international-relations/minsk-seeks-demonstrate-nato-its-independence
    """
    article = _article_row()
    parts = [f'"{article["title"]}"', article["publisher"],
             format_date(article["published"], article["published_precision"])]
    if isinstance(article["url"], str):
        parts.append(article["url"])
    return TextVersion(", ".join(parts))
