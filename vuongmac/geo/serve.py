"""Prepare the committed geometry (``data/geo/*.parquet``) for the browser.

The map figure references the polygons by URL (``/app/static/geo/<layer>-<hash>.geojson``)
instead of embedding them: the figure stays small and the browser caches the shapes. The
file name carries a content hash, so new geometry (a rebuild, an official import) gets a new
URL and no browser keeps stale shapes. plotly's geo renderer wants clockwise exterior rings
(the opposite of RFC 7946), so the served copy is re-oriented.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import geopandas as gpd
import shapely

from vuongmac.config import REPO_ROOT
from vuongmac.fsutil import atomic_write

GEO_DIR = REPO_ROOT / "data" / "geo"
STATIC_DIR = REPO_ROOT / "static"
STATIC_URL = "/app/static"
TOPOJSON_URL = f"{STATIC_URL}/topojson/"
LAYERS = ("communes", "provinces")
COORD_DECIMALS = 4


def layer_path(layer: str, geo_dir: Path = GEO_DIR) -> Path:
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r} (expected one of {', '.join(LAYERS)})")
    return geo_dir / f"{layer}.parquet"


def read_layer(layer: str, geo_dir: Path = GEO_DIR) -> gpd.GeoDataFrame:
    return gpd.read_parquet(layer_path(layer, geo_dir))


def _round(coords):  # noqa: ANN001, ANN202
    if isinstance(coords, float | int):
        return round(float(coords), COORD_DECIMALS)
    return [_round(c) for c in coords]


def to_geojson(gdf: gpd.GeoDataFrame, clockwise: bool) -> dict:
    """FeatureCollection with properties code, name, province_code."""
    features = []
    for code, name, province, geom in gdf[["code", "name", "province_code", "geometry"]].itertuples(
        index=False
    ):
        # Snap to the output grid first: plain rounding can make a valid ring self-intersect.
        geom = shapely.set_precision(geom, 10**-COORD_DECIMALS)
        geom = shapely.orient_polygons(geom, exterior_cw=clockwise)
        mapping = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "province_code": province},
                "geometry": {
                    "type": mapping["type"],
                    "coordinates": _round(mapping["coordinates"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def static_geojson_url(layer: str, geo_dir: Path = GEO_DIR, static_dir: Path = STATIC_DIR) -> str:
    """URL of the browser copy of a layer, writing it first if this version is missing."""
    source = layer_path(layer, geo_dir)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    name = f"{layer}-{digest}.geojson"
    target = static_dir / "geo" / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            to_geojson(read_layer(layer, geo_dir), clockwise=True), separators=(",", ":")
        )
        atomic_write(target, text)
        for old in target.parent.glob(f"{layer}-*.geojson"):
            if old != target:
                old.unlink(missing_ok=True)
    return f"{STATIC_URL}/geo/{name}"
