"""Write the network's layout for the shipped data (lesson_lib/data/network_layout.json).

The network keeps every actor in one place from year to year: networkx lays out every
year's ties together once. For the course's own data that layout is stored, so a lesson
need not import networkx; for a teacher's changed ties it is computed as before. Run this
after editing relations.csv or sides.csv in the package; ``--check`` fails if the file is
stale (a test runs it).

Usage: .venv/bin/python tools/network_layout.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lesson_lib.actors.network import LAYOUT_FILE, computed_layout  # noqa: E402

TARGET = ROOT / "lesson_lib" / "data" / LAYOUT_FILE


def main(argv: list[str]) -> int:
    text = json.dumps(computed_layout(), indent=1) + "\n"
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text("utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is stale: run python tools/network_layout.py")
            return 1
        return 0
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
