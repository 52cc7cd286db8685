"""The timeline a learner explores: events on tracks, eras as bands, the article as a line.

- :mod:`.figure`: plain functions, data in and figure or text out (``filter_events``,
  ``timeline_figure``, ``describe_timeline``, the event card).
- :mod:`.explorer`: :class:`TimelineExplorer`, the widget that keeps the filters' state.
"""
