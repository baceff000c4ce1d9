"""Import official boundaries over the approximations, and export the polygons in use."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from vuongmac.fsutil import atomic_write
from vuongmac.geo.admin import load_communes, load_provinces
from vuongmac.geo.build import _polygonal, provinces_from_communes, write_layers
from vuongmac.geo.serve import GEO_DIR, layer_path, read_layer, to_geojson

CODE_WIDTH = {"commune": 5, "province": 2}
LAYER = {"commune": "communes", "province": "provinces"}


class BoundaryError(ValueError):
    """An input file that cannot be used; nothing was changed."""


@dataclass
class ImportReport:
    level: str
    replaced: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # known codes absent from the file
    unknown: list[str] = field(default_factory=list)  # codes in the file that do not exist
    skipped: list[str] = field(default_factory=list)  # rows with empty or non-polygon shapes

    def summary(self) -> str:
        def show(codes: list[str]) -> str:
            head = ", ".join(codes[:20])
            return f"{len(codes)}" + (
                f" ({head}{', ...' if len(codes) > 20 else ''})" if codes else ""
            )

        return "\n".join(
            [
                f"imported {len(self.replaced)} official {self.level} boundaries",
                f"  missing from the file (approximation kept): {show(self.missing)}",
                f"  unknown codes (ignored): {show(self.unknown)}",
                f"  empty or non-polygon shapes (ignored): {show(self.skipped)}",
            ]
        )


def _normalise_code(value: object, width: int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text.zfill(width) if text.isdigit() else text


def import_boundaries(
    path: Path, level: str, code_column: str = "code", geo_dir: Path = GEO_DIR
) -> ImportReport:
    if level not in LAYER:
        raise BoundaryError(f"level must be commune or province, not {level!r}")
    if not path.is_file():
        raise BoundaryError(f"{path}: file not found")
    try:
        incoming = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types; all mean "unreadable"
        raise BoundaryError(f"{path}: cannot read as GeoJSON/GeoPackage/Shapefile ({exc})") from exc
    if code_column not in incoming.columns:
        cols = ", ".join(c for c in incoming.columns if c != "geometry")
        raise BoundaryError(
            f"{path}: no column {code_column!r} (columns: {cols}); use --code-column"
        )
    if incoming.crs is None:
        incoming = incoming.set_crs("EPSG:4326")
    incoming = incoming.to_crs("EPSG:4326")
    incoming["code"] = [_normalise_code(v, CODE_WIDTH[level]) for v in incoming[code_column]]
    known = set(
        load_communes()["commune_code"] if level == "commune" else load_provinces()["province_code"]
    )
    report = ImportReport(level)
    report.unknown = sorted(set(incoming["code"]) - known)
    incoming = incoming[incoming["code"].isin(known)]
    shapes: dict[str, shapely.Geometry] = {}
    for code, group in incoming.groupby("code"):
        geom = _polygonal(shapely.make_valid(shapely.union_all(group.geometry.values)))
        if geom.is_empty:
            report.skipped.append(code)
        else:
            shapes[code] = geom
    report.replaced = sorted(shapes)
    report.missing = sorted(known - set(shapes) - set(report.skipped))
    if not shapes:
        raise BoundaryError(
            f"{path}: no usable {level} polygon with a known 2025 code\n{report.summary()}"
        )

    current = read_layer(LAYER[level], geo_dir)
    mask = current["code"].isin(shapes)
    current.loc[mask, "geometry"] = gpd.GeoSeries(
        [shapes[c] for c in current.loc[mask, "code"]], index=current.index[mask], crs="EPSG:4326"
    )
    current.loc[mask, "source"] = "official"
    if level == "commune":
        provinces = read_layer("provinces", geo_dir)
        if not (provinces["source"] == "official").any():
            provinces = provinces_from_communes(current)
        write_layers(current, provinces, geo_dir)
    else:
        write_layers(read_layer("communes", geo_dir), current, geo_dir)
    return report


def export_boundaries(level: str, out: Path, geo_dir: Path = GEO_DIR) -> int:
    if level not in LAYER:
        raise BoundaryError(f"level must be commune or province, not {level!r}")
    if not layer_path(LAYER[level], geo_dir).is_file():
        raise BoundaryError(f"no {level} geometry in {geo_dir}: run python -m vuongmac geo build")
    if out.suffix.lower() not in {".geojson", ".json"}:
        raise BoundaryError(f"{out}: the output must be a .geojson file")
    gdf = read_layer(LAYER[level], geo_dir)
    collection = to_geojson(gdf, clockwise=False)  # RFC 7946: exterior rings counter-clockwise
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, json.dumps(collection, ensure_ascii=False, separators=(",", ":")))
    return len(collection["features"])


def coverage(level: str, geo_dir: Path = GEO_DIR) -> pd.Series:
    """How many units of the layer are approximate / official."""
    return read_layer(LAYER[level], geo_dir)["source"].value_counts()
