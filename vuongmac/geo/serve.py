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
import pandas as pd
import shapely
from shapely.ops import polylabel

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


def label_points(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """One label point per unit (code, name, lon, lat, area_km2): the pole of inaccessibility
    of its largest part, which stays inside C- and S-shaped units where a centroid does not.
    ``area_km2`` ranks labels when they collide (the bigger unit keeps its label)."""
    utm_area = gdf.geometry.to_crs("EPSG:32648").area / 1e6
    rows = []
    for (code, name, geom), area in zip(
        gdf[["code", "name", "geometry"]].itertuples(index=False), utm_area, strict=True
    ):
        parts = list(shapely.get_parts(geom))
        largest = max(parts, key=lambda p: p.area)
        point = polylabel(largest, tolerance=0.005)
        rows.append((code, name, round(point.x, 4), round(point.y, 4), float(area)))
    return pd.DataFrame(rows, columns=["code", "name", "lon", "lat", "area_km2"])


def island_units(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """Units that lie in the Hoàng Sa (Paracel) or Trường Sa (Spratly) boxes: too small to
    see or click at national scale, so the map marks them (code, name, province_code, lon, lat) at the
    centre of the archipelago (its centroid, which may lie at sea)."""
    from vuongmac.geo.build import PARACEL_BOX, SPRATLY_BOX

    boxes = [shapely.box(*PARACEL_BOX), shapely.box(*SPRATLY_BOX)]
    inside = gdf[gdf.geometry.apply(lambda g: any(b.contains(g) for b in boxes))]
    centres = inside.geometry.centroid
    return pd.DataFrame({"code": inside["code"].to_numpy(), "name": inside["name"].to_numpy(),
                         "province_code": inside["province_code"].to_numpy(),
                         "lon": centres.x.round(4).to_numpy(), "lat": centres.y.round(4).to_numpy()})  # fmt: skip
