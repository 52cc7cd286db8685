"""Add ISO alpha-3 codes and the source to clipped Natural Earth outlines (make_outlines.sh)."""

import json
import sys

import pycountry

SOURCE = ("Natural Earth 1:50m admin-0 countries (public domain), via the npm package "
          "world-atlas 2.0.2; clipped to lon -12..66, lat 34..71, simplified with mapshaper "
          "(35% of points kept), rounded to 0.01 degrees; Crimea drawn as part of Ukraine "
          "(UN General Assembly resolution 68/262)")
# Natural Earth's de facto outlines draw Crimea inside Russia. The course draws it as part
# of Ukraine, as UN General Assembly resolution 68/262 (27 March 2014) holds.
CRIMEA_POINT = (34.1, 44.95)  # Simferopol
# Natural Earth gives these no numeric code; their shapes are drawn but never coloured.
NO_CODE = {"Kosovo": "XKX", "N. Cyprus": "CYN"}


def inside(point, ring) -> bool:
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found


def polygons(feature) -> list:
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def move_crimea(features: list) -> None:
    by_code = {f["properties"]["iso3"]: f for f in features}
    russia, ukraine = by_code["RUS"], by_code["UKR"]
    keep, crimea = [], []
    for polygon in polygons(russia):
        (crimea if inside(CRIMEA_POINT, polygon[0]) else keep).append(polygon)
    if len(crimea) != 1:
        raise SystemExit(f"expected one Crimean polygon in Russia's outline, found {len(crimea)}")
    russia["geometry"] = {"type": "MultiPolygon", "coordinates": keep}
    ukraine["geometry"] = {"type": "MultiPolygon", "coordinates": polygons(ukraine) + crimea}


def main(src: str, dest: str) -> None:
    data = json.load(open(src, encoding="utf-8"))
    features = []
    for feature in data["features"]:
        if not feature.get("geometry"):  # too small to survive clipping and simplifying
            continue
        name = feature["properties"]["name"]
        numeric = feature.get("id")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        iso3 = country.alpha_3 if country else NO_CODE[name]
        features.append({"type": "Feature", "properties": {"name": name, "iso3": iso3},
                         "geometry": feature["geometry"]})
    move_crimea(features)
    features.sort(key=lambda f: f["properties"]["iso3"])
    out = {"type": "FeatureCollection", "source": SOURCE, "features": features}
    with open(dest, "w", encoding="utf-8") as handle:
        json.dump(out, handle, separators=(",", ":"), ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
