"""Questions a lateral reader asks of a source: who stands behind it, and is it independent?"""

from __future__ import annotations

import pandas as pd

from .article import ARTICLE_SOURCE_ID

__all__ = ["independent_sources"]


def independent_sources(source_ids, sources: pd.DataFrame) -> list[str]:
    """The distinct original sources behind a set of citations: a reprint counts as the text
    it reprints, and the source article itself does not count (it cannot corroborate itself).

    >>> s = pd.DataFrame({"source_id": ["a", "b", "c"], "reprint_of": [None, "a", None]})
    >>> independent_sources(["a", "b", "c"], s)
    ['a', 'c']
    """
    origin = dict(zip(sources["source_id"], sources["reprint_of"], strict=True))
    found = []
    for sid in source_ids:
        original = origin.get(sid)
        key = original if isinstance(original, str) else sid
        if key != ARTICLE_SOURCE_ID and key not in found:
            found.append(key)
    return found
