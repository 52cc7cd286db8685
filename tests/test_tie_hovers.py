"""The ties' hover texts are computed once for the shipped data and again whenever the data
change: a teacher who edits a relation sees the edit in the next map."""

from __future__ import annotations

import lesson_lib
from lesson_lib.actors.ties import relation_hovers

TIE = "blr_rus_security_alliance_1993_2021"


def test_the_hovers_are_computed_once_and_a_copy_is_handed_out():
    first, second = relation_hovers(), relation_hovers()
    assert first == second and first is not second
    first.clear()  # a caller that empties its copy changes nobody else's
    assert TIE in relation_hovers()


def test_an_edited_relation_shows_in_the_next_hover(data_copy):
    before = relation_hovers()[TIE].head
    path = data_copy / "relations.csv"
    text = path.read_text("utf-8")
    assert text.count("Allies under the collective security treaty") == 1
    path.write_text(text.replace("Allies under the collective security treaty",
                                 "EDITED allies under the treaty"), "utf-8")
    lesson_lib.use_data(data_copy)
    assert "EDITED allies" in relation_hovers()[TIE].head
    lesson_lib.use_data(None)
    assert relation_hovers()[TIE].head == before
