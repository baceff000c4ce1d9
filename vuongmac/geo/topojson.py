"""Decode TopoJSON objects into shapely geometries (pure; quantised or not)."""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(arc if not coords else arc[1:])
    return coords


def _geometry(arcs: list[list[tuple[float, float]]], geom: dict[str, Any]) -> BaseGeometry | None:
    kind = geom.get("type")
    if kind == "Polygon":
        rings = [_ring(arcs, r) for r in geom["arcs"]]
        rings = [r for r in rings if len(r) >= 4]
        return shapely.Polygon(rings[0], rings[1:]) if rings else None
    if kind == "MultiPolygon":
        polys = []
        for poly in geom["arcs"]:
            rings = [_ring(arcs, r) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                polys.append(shapely.Polygon(rings[0], rings[1:]))
        return shapely.MultiPolygon(polys) if polys else None
    return None


def decode(topology: dict[str, Any], object_name: str) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """(properties + id, geometry) for each polygonal feature of one object."""
    arcs = _decode_arcs(topology)
    obj = topology["objects"][object_name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    out = []
    for geom in members:
        shape = _geometry(arcs, geom)
        if shape is not None:
            props = dict(geom.get("properties") or {})
            props["id"] = geom.get("id")
            out.append((props, shapely.make_valid(shape)))
    return out
