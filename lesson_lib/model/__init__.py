"""The balancing act as models a learner can argue with.

- :mod:`.index`: where Minsk stood each year between Moscow and the West, from what Belarus
  belonged to and its lasting ties (the baseline) and the events of each year (the moves).
- :mod:`.index_views`: its figures, tables and explorer, and the checks from outside.
- :mod:`.scenario`: a small rule set from the 2016 article's logic, applied to Minsk's
  choices, with its explorer.
"""
