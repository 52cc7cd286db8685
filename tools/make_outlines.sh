#!/usr/bin/env bash
# Rebuild lesson_lib/data/map_outlines.geojson, the country outlines the maps draw offline.
# Source: Natural Earth 1:50m admin-0 countries (public domain), as packaged in the npm
# package world-atlas 2.0.2 (countries-50m.json, TopoJSON). Clipped to the course's region,
# simplified with mapshaper, coordinates rounded to 0.01 degrees, ISO alpha-3 codes added.
# Needs node/npm and, in the project's .venv, pycountry (pip install pycountry).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz \
  && npm install --silent --no-audit --no-fund mapshaper@0.7 >/dev/null)
"$work/node_modules/.bin/mapshaper" -i "$work/package/countries-50m.json" -target countries \
  -clip bbox=-12,34,66,71 -simplify 35% keep-shapes -filter-slivers \
  -o format=geojson precision=0.01 "$work/region.json"
"${PYTHON:-.venv/bin/python}" tools/outline_codes.py "$work/region.json" lesson_lib/data/map_outlines.geojson
