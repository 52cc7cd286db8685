"""Check hub/kubernetes/config.yaml against the Zero to JupyterHub chart's own schema.

Helm checks a chart's values against its ``values.schema.json`` only at install time, on
a cluster. This runs the same check without one: it lays our values over the chart's
defaults, as Helm does, and validates the result with the schema from a checkout of
https://github.com/jupyterhub/zero-to-jupyterhub-k8s (its ``jupyterhub/`` folder).

Usage: ``.venv/bin/python tools/check_kubernetes_values.py PATH/TO/zero-to-jupyterhub-k8s``
"""

from __future__ import annotations

import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "hub" / "kubernetes" / "config.yaml"


def merged(defaults: dict, ours: dict) -> dict:
    """``ours`` laid over ``defaults``, mapping by mapping (Helm's merge of values)."""
    out = dict(defaults)
    for key, value in ours.items():
        both_maps = isinstance(value, dict) and isinstance(defaults.get(key), dict)
        out[key] = merged(defaults[key], value) if both_maps else value
    return out


def problems(chart: Path, values: Path = VALUES) -> list[str]:
    schema = yaml.safe_load((chart / "values.schema.yaml").read_text("utf-8"))
    defaults = yaml.safe_load((chart / "values.yaml").read_text("utf-8"))
    ours = yaml.safe_load(values.read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, error.path)) or '(top)'}: {error.message}"
            for error in validator.iter_errors(merged(defaults, ours))]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    chart = Path(args[0]) / "jupyterhub"
    if not (chart / "values.schema.yaml").is_file():
        print(f"No chart at {chart}: give a checkout of zero-to-jupyterhub-k8s",
              file=sys.stderr)
        return 2
    found = problems(chart)
    for line in found:
        print(line)
    print(f"{VALUES.relative_to(ROOT)}: {len(found)} problems against {chart}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
