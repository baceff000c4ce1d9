"""Command line: ``python -m vuongmac <command>``.

Errors are reported on stderr in one clear sentence (no traceback) with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vuongmac.config import data_paths


def _cmd_build(args: argparse.Namespace) -> int:
    from vuongmac.warehouse.build import BuildError, build

    paths = data_paths(args.data_dir)
    curated = Path(args.curated) if args.curated else paths.curated
    out = Path(args.out) if args.out else paths.warehouse
    sources = Path(args.sources) if args.sources else paths.sources
    if not curated.is_dir():
        print(f"error: curated folder not found: {curated}", file=sys.stderr)
        return 2
    try:
        result = build(curated, out, sources_dir=sources)
    except BuildError as exc:
        print(f"error: build failed\n{exc}", file=sys.stderr)
        return 1
    print(
        f"built {result.path} (build {result.build_id}) in {result.seconds:.2f} s,"
        f" {result.size_bytes / 1e6:.1f} MB"
    )
    width = max(len(t) for t in result.row_counts)
    for table, count in result.row_counts.items():
        print(f"  {table:<{width}}  {count:>9,}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vuongmac", description=__doc__)
    parser.add_argument("--data-dir", help="dataset folder (default: $VUONGMAC_DATA_DIR or data/)")
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="build the DuckDB warehouse from the curated dataset")
    p_build.add_argument("--curated", help="curated folder (default: DATA_DIR/curated)")
    p_build.add_argument("--sources", help="source texts folder (default: DATA_DIR/sources)")
    p_build.add_argument("--out", help="warehouse file (default: DATA_DIR/warehouse.duckdb)")
    p_build.set_defaults(func=_cmd_build)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
