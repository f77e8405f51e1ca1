"""The ``ilo-kg`` command line: each command calls one core function."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ilo_kg.config import Settings

if TYPE_CHECKING:
    from ilo_kg.store import Result


def _progress(quiet: bool) -> Callable[[str], None]:
    started = time.monotonic()

    def show(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    return show


def _write_failed(exc: OSError, settings: Settings) -> str:
    """One line for a build that could not write (a full disk, no permission): nothing was published."""
    what = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return (
        f"build failed: {what}{where}; nothing was published, "
        f"{settings.dist} still holds the previous release"
    )


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.build import BuildError, build
    from ilo_kg.infer import InconsistencyError
    from ilo_kg.reference import ReferenceError
    from ilo_kg.sources import PageError

    if getattr(args, "source", None):
        from ilo_kg.build import build_from_nquads

        try:
            published = build_from_nquads(settings, Path(args.source), progress=_progress(args.quiet))
        except BuildError as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            if exc.report is not None:
                print(exc.report.text(), file=sys.stderr)
            return 1
        except OSError as exc:
            print(_write_failed(exc, settings), file=sys.stderr)
            return 1
        print(f"published {published.version} to {published.folder} (from {args.source})")
        return 0
    try:
        result = build(settings, progress=_progress(args.quiet))
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        if exc.report is not None:
            print(exc.report.text(), file=sys.stderr)
        return 1
    except (ReferenceError, PageError, InconsistencyError) as exc:
        print(f"build failed: {exc}\nnothing was published", file=sys.stderr)
        return 1
    except OSError as exc:
        print(_write_failed(exc, settings), file=sys.stderr)
        return 1
    a = result.assembled
    for warning in a.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"published {result.published.version} to {result.published.folder} "
        f"({sum(1 for _ in a.dataset.quads())} asserted+inferred quads, {result.inferred} inferred, "
        f"{len(a.pages)} source pages)"
    )
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from rdflib import Dataset
    from rdflib.util import guess_format

    from ilo_kg.build import load_ontology
    from ilo_kg.validate import load_shapes, validate

    data = Dataset(default_union=True)
    for name in args.files:
        path = Path(name)
        fmt = guess_format(path.name) or "turtle"
        try:
            data.parse(path, format=fmt)
        except FileNotFoundError:
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        except Exception as exc:  # rdflib raises many parser error types
            print(f"{path}: cannot parse as {fmt}: {exc}", file=sys.stderr)
            return 2
    from rdflib import Graph

    graph = Graph()
    for quad in data.quads():
        graph.add(quad[:3])
    report = validate(graph, load_shapes(settings.shapes_dir, settings.base_iri), load_ontology(settings))
    print(report.text(), end="")
    return 0 if report.conforms else 1


def _render_table(result: Result) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    rows = [[_plain(v) for v in row] for row in result.rows]
    head = list(result.variables)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(
        f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', truncated' if result.truncated else ''})"
    )
    return "\n".join(lines) + "\n"


def _plain(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg import formats
    from ilo_kg.engines import EngineChoiceError, open_store
    from ilo_kg.safety import QueryError, check_query

    try:
        # one killable worker, so the time limit holds on the command line too
        store = open_store(settings.with_(workers=1))
    except (FileNotFoundError, EngineChoiceError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    bindings = None
    if args.name:
        from ilo_kg.queries import CatalogueError, ParameterError, load_catalogue

        try:
            canned = load_catalogue(settings.queries_dir).get(args.name)
        except (KeyError, CatalogueError) as exc:
            print(f"{exc}", file=sys.stderr)
            return 2
        params: dict[str, str] = {}
        for item in args.param or ():
            key, sep, value = item.partition("=")
            if not sep:
                print(f"--param {item!r}: expected key=value", file=sys.stderr)
                return 2
            params[key] = value
        try:
            text, bindings = canned.prepared(canned.bind(params))
        except ParameterError as exc:
            print(f"{exc}", file=sys.stderr)
            return 2
    elif args.sparql:
        text = args.sparql
    else:
        print("give a SPARQL query or --name NAME", file=sys.stderr)
        return 2
    try:
        check_query(text, known_graphs=store.graphs(), service_allowlist=settings.service_allowlist)
        result = store.query(text, bindings=bindings, max_rows=settings.max_rows)
    except QueryError as exc:
        print(f"query refused: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.format == "table":
        out = _render_table(result).encode()
    else:
        fmt = formats.find(args.format, formats.formats_for(result.kind))
        if fmt is None:
            offered = ", ".join(f.name for f in formats.formats_for(result.kind))
            print(
                f"--format {args.format}: not available for a {result.kind} result ({offered})",
                file=sys.stderr,
            )
            return 2
        out = formats.serialize(result, fmt)
    sys.stdout.buffer.write(out)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.records import PageKind
    from ilo_kg.sources import PageError, extract

    path = Path(args.file)
    kind = PageKind(args.kind) if args.kind else None
    try:
        page = extract(path, kind)
    except PageError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    target = settings.sources_dir / path.name
    if target.exists() and target.read_bytes() == path.read_bytes():
        print(f"{path.name} is already a source ({page.kind.value}); nothing changed")
        return 0
    if target.exists():
        print(f"{target} exists with other content; rename the page to add it", file=sys.stderr)
        return 1
    for warning in page.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    tmp = target.with_suffix(".txt.partial")
    shutil.copyfile(path, tmp)
    tmp.rename(target)
    code = cmd_build(args, settings)
    if code != 0:
        target.unlink()
        print(f"{path.name} was not added: the build with it failed", file=sys.stderr)
    return code


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from rdflib import RDF

    from ilo_kg.build import assemble

    a = assemble(settings)
    print("resources by class (asserted, distinct):")
    typed: set[tuple[str, object]] = set()
    by_source: Counter[str] = Counter()
    for g in a.dataset.graphs():
        if "/graph/ontology" in str(g.identifier):
            continue
        for subject, o in g.subject_objects(RDF.type):
            typed.add((g.qname(str(o)), subject))
        by_source[str(g.identifier)] = len(g)
    by_class = Counter(cls for cls, _ in typed)
    for cls, n in sorted(by_class.items()):
        print(f"  {cls:40} {n}")
    print("triples by source graph:")
    for src, n in sorted(by_source.items()):
        if n:
            print(f"  {src:70} {n}")
    print(f"unresolved mentions: {len(a.unresolved)}")
    for source, kind, line, mention in a.unresolved:
        print(f"  {source}:{line}: {kind}: {mention}")
    for warning in a.warnings:
        print(f"warning: {warning}")
    return 0


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.remote_publish import PublishError, publish_remote

    try:
        report = publish_remote(settings, args.to, replace=args.replace, progress=_progress(args.quiet))
    except PublishError as exc:
        print(f"publish failed: {exc}", file=sys.stderr)
        return 1
    print(report.text(), end="" if report.text().endswith("\n") else "\n")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.engines import EngineChoiceError
    from ilo_kg.safety import QueryError
    from ilo_kg.web.server import serve

    try:
        serve(settings)
    except (QueryError, EngineChoiceError, FileNotFoundError) as exc:  # e.g. a store that cannot be opened
        print(f"cannot serve: {exc}", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ilo-kg", description="Build and serve the ilo-kg knowledge graph.")
    p.add_argument("--root", help="project folder holding data/, ontology/, shapes/, queries/")
    p.add_argument("--base-iri", help="base of the minted IRIs (default https://w3id.org/ilo-kg/)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build, validate, infer and publish the graph")
    b.add_argument("--output", help="output folder (default dist/)")
    b.add_argument("--quiet", action="store_true", help="no progress messages")
    b.add_argument(
        "--from",
        dest="source",
        metavar="FILE.nq",
        help="build from a prepared N-Quads file (a large or merged graph) instead of the sources",
    )
    b.set_defaults(run=cmd_build)

    v = sub.add_parser("validate", help="check RDF files against the shapes and the ontology")
    v.add_argument("files", nargs="+", help="RDF files (format from the suffix)")
    v.set_defaults(run=cmd_validate)

    q = sub.add_parser("query", help="run a SPARQL query or a canned query on the published graph")
    q.add_argument("sparql", nargs="?", help="the SPARQL query text")
    q.add_argument("--name", help="a canned query (queries/NAME.rq)")
    q.add_argument("--param", action="append", help="a canned query parameter, key=value (repeatable)")
    q.add_argument("--format", default="table", help="table (default), csv, tsv, json, xml, ttl, nt, jsonld")
    q.add_argument("--output", help="published folder (default dist/)")
    q.set_defaults(run=cmd_query)

    i = sub.add_parser("ingest", help="add a source page and rebuild")
    i.add_argument("file", help="a plain-text page")
    i.add_argument("--kind", choices=["project-listing", "news-listing", "about-page", "office-page"])
    i.add_argument("--output", help="output folder (default dist/)")
    i.add_argument("--quiet", action="store_true")
    i.set_defaults(run=cmd_ingest)

    s = sub.add_parser("stats", help="counts by class and source, and unresolved mentions")
    s.set_defaults(run=cmd_stats)

    pb = sub.add_parser("publish", help="load the published build into a remote SPARQL engine (Virtuoso)")
    pb.add_argument("--to", required=True, metavar="URL", help="sparql+http://user:password@host:port/sparql")
    pb.add_argument("--replace", action="store_true", help="replace a different version already there")
    pb.add_argument("--output", help="published folder to load (default dist/)")
    pb.add_argument("--quiet", action="store_true")
    pb.set_defaults(run=cmd_publish)

    sv = sub.add_parser("serve", help="serve the published graph (builds once first if nothing is published)")
    sv.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, help="port (default 8000)")
    sv.add_argument("--output", help="published folder (default dist/)")
    sv.set_defaults(run=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides: dict[str, object] = {
        "root": Path(args.root) if args.root else None,
        "base_iri": args.base_iri,
        "output": Path(args.output) if getattr(args, "output", None) else None,
        "host": getattr(args, "host", None),
        "port": getattr(args, "port", None),
    }
    try:
        settings = Settings.from_env(None, **overrides)
    except ValueError as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    return int(args.run(args, settings))


if __name__ == "__main__":
    sys.exit(main())
