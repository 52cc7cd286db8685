"""The library's layout: wings over a shared floor (see ``lesson_lib/__init__.py``).

A wing holds what a learner meets in one place (the timeline, the actors, the model, the
sources, the checks, the decision rooms); the floor holds what every wing uses (tables,
rules, course facts, errors, look). The floor imports no wing, a wing imports only the
floor, itself and the wings below it, and nothing imports in a loop; so a newcomer who
works on one wing can read it without the wings above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lesson_lib"
# Lowest first: a wing may import the wings before it in this list, never after.
WINGS = ("checks", "model", "sources", "timeline", "actors", "decisions")
# The package's front doors import everything; nothing imports them.
ROOF = {"lesson_lib", "lesson_lib.__main__"}
LONGEST_MODULE = 450


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under ``if TYPE_CHECKING:``: they never run."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for inner in ast.walk(node):
                lines.add(getattr(inner, "lineno", -1))
    return lines


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that the module at ``path`` imports (at any depth of its code)."""
    tree = ast.parse(path.read_text("utf-8"))
    name = module_name(path)
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    skipped = _type_checking_only(tree)
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom | ast.Import) or node.lineno in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = here[: len(here) - node.level + 1] if node.level else []
            stem = ".".join(base + ([node.module] if node.module else []))
            # "from . import answers" names a module; "from .data import x" names a module's x
            targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
        found |= {t for t in targets if t in modules and t != name}
    return found


def package_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def wing_of(module: str) -> str | None:
    """The wing a module belongs to, or None for the floor."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in WINGS) else None


def layout_problems(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, imported in sorted(graph.items()):
        if module in ROOF:
            continue
        mine = wing_of(module)
        for other in sorted(imported):
            theirs = wing_of(other)
            if other in ROOF:
                problems.append(f"{module} imports the package's front door {other}")
            elif mine is None and theirs is not None:
                problems.append(f"{module} (the floor) imports the wing {other}")
            elif theirs is not None and WINGS.index(theirs) > WINGS.index(mine):
                problems.append(f"{module} imports {other}, a wing above its own")
    return problems + [f"import loop: {' -> '.join(loop)}" for loop in loops(graph)]


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import loop, each as the modules around it, back to where it started."""
    edges = nx.DiGraph([(a, b) for a, targets in graph.items() for b in targets])
    rotated = (loop[loop.index(min(loop)):] + loop[:loop.index(min(loop))]
               for loop in nx.simple_cycles(edges))
    return sorted([*loop, loop[0]] for loop in rotated)


def test_every_wing_the_layout_names_exists_and_every_folder_is_a_wing():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(WINGS)


def test_the_floor_imports_no_wing_no_wing_imports_upward_and_nothing_loops():
    assert layout_problems(package_graph()) == []


@pytest.mark.parametrize(("graph", "expected"), [
    ({"lesson_lib.data": {"lesson_lib.checks.banks"}, "lesson_lib.checks.banks": set()},
     "lesson_lib.data (the floor) imports the wing lesson_lib.checks.banks"),
    ({"lesson_lib.model.index": {"lesson_lib.decisions.rooms"},
      "lesson_lib.decisions.rooms": set()},
     "lesson_lib.model.index imports lesson_lib.decisions.rooms, a wing above its own"),
    ({"lesson_lib.style": {"lesson_lib.course"}, "lesson_lib.course": {"lesson_lib.style"}},
     "import loop: lesson_lib.course -> lesson_lib.style -> lesson_lib.course"),
    ({"lesson_lib.style": {"lesson_lib"}, "lesson_lib": set()},
     "lesson_lib.style imports the package's front door lesson_lib"),
])
def test_the_layout_check_names_each_kind_of_wrong_import(graph, expected):
    assert layout_problems(graph) == [expected]


def test_a_wing_may_import_the_floor_its_own_wing_and_the_wings_below():
    graph = {"lesson_lib.decisions.room": {"lesson_lib.decisions.rooms", "lesson_lib.data",
                                           "lesson_lib.checks.progress"},
             "lesson_lib.decisions.rooms": set(), "lesson_lib.data": set(),
             "lesson_lib.checks.progress": set()}
    assert layout_problems(graph) == []


def test_the_real_graph_is_read_relative_imports_and_all():
    graph = package_graph()
    assert "lesson_lib.checks.progress" in graph["lesson_lib.decisions.room"]
    assert "lesson_lib.checks.answers" in graph["lesson_lib"]  # "from .checks import answers"
    assert "lesson_lib.table_parser" not in graph["lesson_lib.schema_rules"]  # TYPE_CHECKING


def test_no_module_is_longer_than_a_newcomer_can_hold():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > LONGEST_MODULE}
    assert long == {}, f"split these along their jobs: {long}"
