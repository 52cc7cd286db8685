"""What checks a learner's answers and keeps their progress.

- :mod:`.questions`: typed questions and banks; :mod:`.banks`: reading and checking the banks.
- :mod:`.marking`: the pure answer checker; :mod:`.quiz`: the self-check widget;
  :mod:`.static_quiz`: the same checks in a page with no kernel.
- :mod:`.answers`: the graded assessment's answer cells; :mod:`.progress`: the progress
  file, its lock and merge, and the notes a learner keeps.
"""
