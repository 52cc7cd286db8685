"""The network's stored layout: current for the shipped data, used instead of importing
networkx, and never used for a teacher's changed ties."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lesson_lib
from lesson_lib.actors import network
from lesson_lib.actors.network import computed_layout, network_positions


def test_the_stored_layout_is_the_one_networkx_computes_for_the_shipped_data():
    stored, computed = network._stored_layout(), computed_layout()
    assert stored["inputs"] == computed["inputs"], "run python tools/network_layout.py"
    assert stored["positions"].keys() == computed["positions"].keys()
    for node, (x, y) in computed["positions"].items():
        assert stored["positions"][node] == pytest.approx([x, y], abs=0.01), node


def test_a_lesson_on_the_shipped_data_draws_the_network_without_importing_networkx():
    code = ("import sys, lesson_lib; lesson_lib.network_figure(2016); "
            "lesson_lib.ActorMapExplorer(); print('networkx' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip() == "False"


def test_changed_ties_get_a_layout_of_their_own():
    relations = lesson_lib.load_relations()
    fewer = relations[relations["from_actor"].eq("blr") & relations["to_actor"].eq("rus")]
    positions = network_positions(fewer)
    assert set(positions) == {"blr", "rus"} and positions["blr"] == (0.0, 0.0)
    assert network_positions() == {node: tuple(xy) for node, xy in
                                   network._stored_layout()["positions"].items()}


def test_a_missing_stored_layout_is_computed_instead(monkeypatch):
    monkeypatch.setattr(network, "_stored_layout", lambda: {})
    assert network_positions()["blr"] == (0.0, 0.0)
    assert len(network_positions()) == len(computed_layout()["positions"])


def test_the_writer_says_when_the_stored_layout_is_stale():
    from pathlib import Path

    tool = Path(__file__).resolve().parent.parent / "tools" / "network_layout.py"
    check = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout
