"""Committed geometry, import/export of boundaries, and the map figure."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from conftest import REPO

from vuongmac.charts.maps import choropleth_figure
from vuongmac.geo.admin import load_communes
from vuongmac.geo.boundaries import BoundaryError, export_boundaries, import_boundaries
from vuongmac.geo.serve import GEO_DIR, to_geojson

PARACEL = shapely.box(111.0, 15.6, 113.2, 17.3)
SPRATLY = shapely.box(111.0, 7.3, 116.5, 11.7)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("geo")
    n_c = export_boundaries("commune", out / "communes.geojson")
    n_p = export_boundaries("province", out / "provinces.geojson")
    return (
        n_c,
        n_p,
        gpd.read_file(out / "communes.geojson"),
        gpd.read_file(out / "provinces.geojson"),
    )


def test_every_commune_and_province_has_a_valid_polygon(exported) -> None:
    n_c, n_p, communes, provinces = exported
    assert (n_c, n_p) == (3321, 34)
    assert set(communes["code"]) == set(load_communes()["commune_code"])
    for gdf in (communes, provinces):
        assert gdf.is_valid.all() and (~gdf.is_empty).all()
        assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    assert list(communes.columns) == ["code", "name", "province_code", "geometry"]


def test_archipelagos_are_included(exported) -> None:
    _, _, communes, provinces = exported
    hoang_sa = communes.set_index("name").loc["Đặc khu Hoàng Sa"]
    truong_sa = communes.set_index("name").loc["Đặc khu Trường Sa"]
    assert hoang_sa.geometry.intersects(PARACEL) and truong_sa.geometry.intersects(SPRATLY)
    by_code = provinces.set_index("code")
    assert by_code.loc["48"].geometry.intersects(PARACEL)  # Đà Nẵng
    assert by_code.loc["56"].geometry.intersects(SPRATLY)  # Khánh Hòa
    # Palawan and Borneo are not Vietnam.
    assert not provinces.geometry.union_all().intersects(shapely.box(117.0, 7.0, 120.0, 12.0))


def test_communes_tile_without_overlap() -> None:
    gdf = gpd.read_parquet(GEO_DIR / "communes.parquet").to_crs("EPSG:32648")
    total = gdf.area.sum()
    union = gdf.geometry.union_all().area
    assert union == pytest.approx(total, rel=0.002)


def test_served_geojson_has_clockwise_rings() -> None:
    gdf = gpd.read_parquet(GEO_DIR / "provinces.parquet").head(3)
    cw = to_geojson(gdf, clockwise=True)
    for feature in cw["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        for poly in shapely.get_parts(geom):
            assert not poly.exterior.is_ccw


def _copy_geo(tmp_path):
    geo = tmp_path / "geo"
    shutil.copytree(GEO_DIR, geo)
    return geo


def test_import_official_boundaries(tmp_path) -> None:
    geo = _copy_geo(tmp_path)
    official = gpd.GeoDataFrame(
        {
            "MA_XA": [17254, "16906", "99999", "02809"],
            "ten": ["Con Cuông", "Lượng Minh", "bogus", "empty"],
        },
        geometry=[shapely.box(104.8, 19.0, 105.0, 19.2), shapely.box(104.5, 19.3, 104.7, 19.5),
                  shapely.box(0, 0, 1, 1), shapely.Polygon()],
        crs="EPSG:4326",
    )  # fmt: skip
    src = tmp_path / "official.gpkg"
    official.to_file(src)
    report = import_boundaries(src, "commune", "MA_XA", geo_dir=geo)
    assert report.replaced == ["16906", "17254"]
    assert report.unknown == ["99999"] and report.skipped == ["02809"]
    assert len(report.missing) == 3321 - 3
    communes = gpd.read_parquet(geo / "communes.parquet").set_index("code")
    assert communes.loc["17254", "source"] == "official"
    assert communes.loc["17254"].geometry.equals(shapely.box(104.8, 19.0, 105.0, 19.2))
    assert communes.loc["02809", "source"] == "approximate"
    provinces = gpd.read_parquet(geo / "provinces.parquet").set_index("code")
    assert provinces.loc["40"].geometry.contains(shapely.Point(104.9, 19.1))
    assert "missing from the file" in report.summary()


def test_import_rejects_bad_input_and_changes_nothing(tmp_path) -> None:
    geo = _copy_geo(tmp_path)
    before = (geo / "communes.parquet").read_bytes()
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(BoundaryError, match="cannot read"):
        import_boundaries(bad, "commune", geo_dir=geo)
    nocode = tmp_path / "nocode.geojson"
    gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.box(105, 20, 106, 21)], crs="EPSG:4326").to_file(
        nocode
    )
    with pytest.raises(BoundaryError, match="no column 'code'"):
        import_boundaries(nocode, "commune", geo_dir=geo)
    with pytest.raises(BoundaryError, match="file not found"):
        import_boundaries(tmp_path / "absent.shp", "commune", geo_dir=geo)
    assert (geo / "communes.parquet").read_bytes() == before


def test_cli_export_and_errors(tmp_path) -> None:
    out = tmp_path / "p.geojson"
    ok = subprocess.run([sys.executable, "-m", "vuongmac", "geo", "export", "--level", "province",
                         "--out", str(out)], cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert ok.returncode == 0 and "34 province" in ok.stdout
    assert len(json.loads(out.read_text())["features"]) == 34
    bad = subprocess.run([sys.executable, "-m", "vuongmac", "geo", "import", str(tmp_path / "x.shp"),
                          "--level", "commune"], cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 1 and "file not found" in bad.stderr and "Traceback" not in bad.stderr


LABELS = dict.fromkeys(
    ["metric", "issues", "visits", "per_visit", "share", "visited", "not_visited", "no_data"], "x"
)


def _map_frame() -> pd.DataFrame:
    communes = load_communes()
    df = pd.DataFrame(
        {
            "code": communes["commune_code"],
            "name": communes["commune_name"],
            "province_name": communes["province_code"],
            "issue_count": 0,
            "visit_count": 0,
            "issues_per_visit": None,
            "category_share": None,
        }
    )
    df.loc[:9, "issue_count"] = range(1, 11)
    df.loc[:9, "visit_count"] = 1
    return df


@pytest.mark.parametrize(
    "metric", ["issue_count", "visit_count", "issues_per_visit", "category_share", "coverage"]
)
def test_commune_choropleth_is_small_and_complete(metric) -> None:
    df = _map_frame()
    fig = choropleth_figure(df, "/app/static/geo/communes-x.geojson", metric, level="commune",
                            labels=LABELS, selected=[df["code"][0]])  # fmt: skip
    size = len(fig.to_json())
    assert size <= 1_500_000, size
    locations = [loc for trace in fig.data[:2] for loc in trace.locations]
    assert sorted(set(locations)) == sorted(df["code"]) or metric == "coverage"
    assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
    assert fig.data[-1].marker.line.width == 2.5  # the selected commune is outlined


def test_choropleth_rejects_unknown_metric() -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        choropleth_figure(_map_frame(), "u", "nope", level="commune", labels=LABELS)


def test_islands_and_label_points() -> None:
    """Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) are found by the build's boxes and marked;
    every province label point lies inside its province."""
    import shapely

    from vuongmac.geo.serve import island_units, label_points, read_layer

    islands = island_units(read_layer("communes"))
    assert dict(zip(islands["name"], islands["province_code"], strict=True)) == {
        "Đặc khu Hoàng Sa": "48", "Đặc khu Trường Sa": "56"
    }  # fmt: skip
    provinces = read_layer("provinces")
    points = label_points(provinces)
    assert len(points) == 34
    shapes = dict(zip(provinces["code"], provinces.geometry, strict=True))
    for code, lon, lat in points[["code", "lon", "lat"]].itertuples(index=False):
        assert shapes[code].buffer(0.01).contains(shapely.Point(lon, lat)), code
