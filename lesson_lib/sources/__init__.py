"""What learners read and argue from: the 2016 article, its claims, the document pack.

- :mod:`.article`: the source article's citation and the date the course reads it from.
- :mod:`.claims`: the article's sentences sorted by kind, with verdicts and forecasts.
- :mod:`.documents`: the document pack, its reader and the corroboration task.
- :mod:`.reading`: sourcing and close reading of the article, commit first.
- :mod:`.sourcing`: how many independent sources stand behind a piece of evidence.
"""
