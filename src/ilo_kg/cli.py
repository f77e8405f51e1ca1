"""The ``ilo-kg`` command line: each command calls one core function."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ilo_kg.config import Settings
from ilo_kg.records import PageKind

if TYPE_CHECKING:
    from ilo_kg.engine.contract import Result


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
    from ilo_kg.build import BuildError, NQuadsFile, build
    from ilo_kg.reference import ReferenceError
    from ilo_kg.sources import PageError

    given = getattr(args, "source", None)
    try:
        result = build(
            settings, progress=_progress(args.quiet), source=NQuadsFile(Path(given)) if given else None
        )
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        if exc.report is not None:
            print(exc.report.text(), file=sys.stderr)
        return 1
    except (ReferenceError, PageError) as exc:
        print(f"build failed: {exc}\nnothing was published", file=sys.stderr)
        return 1
    except OSError as exc:
        print(_write_failed(exc, settings), file=sys.stderr)
        return 1
    a = result.assembled
    if a is None:
        print(f"published {result.published.version} to {result.published.folder} (from {given})")
        return 0
    for warning in a.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"published {result.published.version} to {result.published.folder} "
        f"({sum(1 for _ in a.dataset.quads())} asserted+inferred quads, {result.inferred} inferred, "
        f"{len(a.pages)} source pages)"
    )
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.build import load_ontology
    from ilo_kg.validate import InputError, check_files, load_shapes

    published = settings.dist.resolve() if args.against_published else None
    try:
        checked = check_files(
            [Path(name) for name in args.files],
            load_shapes(settings.shapes_dir, settings.base_iri),
            load_ontology(settings),
            published=published,
        )
    except (FileNotFoundError, InputError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    print(checked.text(), end="")
    return 0 if checked.report.conforms else 1


def _render_table(result: Result) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "construct":  # CONSTRUCT / DESCRIBE: one row per triple, terms in N-Triples form
        rows = [[str(t.subject), str(t.predicate), str(t.object)] for t in result.triples]
        head, noun = ["subject", "predicate", "object"], "triple"
    else:
        rows = [[_plain(v) for v in row] for row in result.rows]
        head, noun = list(result.variables), "row"
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(
        f"({len(rows)} {noun}{'s' if len(rows) != 1 else ''}{', truncated' if result.truncated else ''})"
    )
    return "\n".join(lines) + "\n"


def _plain(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg import formats
    from ilo_kg.engine.choice import EngineChoiceError, open_store
    from ilo_kg.engine.service import QueryService
    from ilo_kg.safety import QueryError, QuerySyntaxError

    try:
        # one killable worker, so the time limit holds on the command line too (no spare: one query)
        store = open_store(settings.with_(workers=1, spare_workers=0))
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
    elif args.file or args.sparql:
        source = args.file or args.sparql
        if args.file and args.sparql:
            print("give the query as text or with --file, not both", file=sys.stderr)
            return 2
        try:
            if source == "-":
                text = sys.stdin.read()
            elif args.file:
                text = Path(args.file).read_text(encoding="utf-8")
            else:
                text = args.sparql
        except (OSError, UnicodeDecodeError) as exc:
            print(f"--file {args.file}: cannot read it: {exc}", file=sys.stderr)
            return 2
    else:
        print("give a SPARQL query (text, --file FILE, or - for stdin) or --name NAME", file=sys.stderr)
        return 2
    service = QueryService.from_settings(store, settings)
    try:
        result = service.run(service.prepare(text, bindings=bindings))
    except QuerySyntaxError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    except QueryError as exc:
        print(f"query refused: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if result.truncated:
        print(
            f"warning: the result was cut at {settings.max_rows} "
            f"{'triples' if result.kind == 'construct' else 'rows'} (the max_rows setting, ILO_KG_MAX_ROWS)",
            file=sys.stderr,
        )
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
        # the warning above says the answer was cut: standard output stays the data alone
        out = service.write(result, fmt, note_truncation=False)
    sys.stdout.buffer.write(out)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.ingest import IngestError, locked

    try:
        with locked(settings.sources_dir):
            return _ingest(args, settings)
    except IngestError as exc:
        print(f"ingest failed: {exc}; nothing changed", file=sys.stderr)
        return 1


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ilo_kg.ingest import stage, write
    from ilo_kg.sources import PageError
    from ilo_kg.sources.fetch import FetchLimits

    kind = PageKind(args.kind) if args.kind else None
    limits = FetchLimits(timeout_s=args.timeout, max_bytes=args.max_bytes)
    try:
        staged = stage(settings.sources_dir, args.page, kind, limits)
    except PageError as exc:
        print(f"ingest failed: {exc}; nothing changed", file=sys.stderr)
        return 1
    if staged.unchanged:
        print(f"{staged.note} ({staged.page.kind.value}); nothing changed")
        return 0
    undo = write(staged, settings.sources_dir)  # the build prints the page's warnings
    failed = f"{args.page} was not added: the build with it failed; nothing changed"
    try:
        code = cmd_build(args, settings)
    except BaseException:  # an unexpected error or an interrupt: the page goes back out too
        undo()
        print(failed, file=sys.stderr)
        raise
    if code != 0:
        undo()
        print(failed, file=sys.stderr)
    else:
        print(staged.note)
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
    print(f"where sources disagree: {len(a.disagreements)} (the plain term holds the newest source's value)")
    for d in a.disagreements:
        print(f"  {d.subject} {d.prop}:")
        for st in d.statements:
            when = st.when.isoformat() if st.when else "undated"
            mark = "  <- current" if st.source_id == d.current.source_id else ""
            print(f"    {st.source_id} ({when}): {st.value}{mark}")
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
    from ilo_kg.engine.choice import EngineChoiceError
    from ilo_kg.safety import QueryError
    from ilo_kg.web.server import serve

    try:
        serve(settings)
    except (QueryError, EngineChoiceError, FileNotFoundError) as exc:  # e.g. a store that cannot be opened
        print(f"cannot serve: {exc}", file=sys.stderr)
        return 1
    return 0


_INGEST_EPILOG = """\
files written for a page from HTML or a URL (NNN the next free number, hash the first 16 hex digits
of the SHA-256 of the original), in data/sources:
  NNN_hash.txt        the text the build reads
  NNN_hash.html       the original, as fetched or saved
  NNN_hash.meta.json  its origin: url, final_url (after redirects), retrieved (UTC), original,
                      original_name (a saved page), media_type, charset, sha256, converter, and
                      kind when --kind is given: every later build reads the page as that kind
a text file keeps its name; it gets a NAME.meta.json only when --kind is given. Ingesting a page
that is already there with another --kind changes only its remembered kind (and rebuilds).

fetching a URL: User-Agent "ilo-kg/VERSION (+https://w3id.org/ilo-kg/)"; the robots.txt of every
host visited is obeyed (missing or 4xx: allowed; 5xx, 429 or no answer: nothing fetched); at most 5
redirects, to http and https only; text/html, application/xhtml+xml or text/plain only; the
charset from a byte-order mark, the Content-Type or <meta charset>, else UTF-8 (bytes invalid in
it are an error); --timeout bounds the whole fetch, --max-bytes the body (also for saved pages)."""


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def read(raw: str) -> float:
        try:
            value = kind(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {raw!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {raw!r}")
        return value

    return read


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
    v.add_argument(
        "--against-published",
        action="store_true",
        help="check the files together with the published graph (--output, default dist/): links to "
        "resources it holds meet their constraints; only results about the files' subjects are reported",
    )
    v.add_argument("--output", help="published folder for --against-published (default dist/)")
    v.set_defaults(run=cmd_validate)

    q = sub.add_parser("query", help="run a SPARQL query or a canned query on the published graph")
    q.add_argument("sparql", nargs="?", help="the SPARQL query text, or - to read it from stdin")
    q.add_argument("--file", "-f", metavar="FILE", help="read the SPARQL query from FILE (- for stdin)")
    q.add_argument("--name", help="a canned query (queries/NAME.rq)")
    q.add_argument("--param", action="append", help="a canned query parameter, key=value (repeatable)")
    q.add_argument(
        "--format",
        default="table",
        help="table (default), csv, tsv, json, xml, ttl, nt, n3, jsonld, rdf (RDF/XML)",
    )
    q.add_argument("--output", help="published folder (default dist/)")
    q.set_defaults(run=cmd_query)

    i = sub.add_parser(
        "ingest",
        help="add a source page (a text file, a saved HTML page or an http(s) URL) and rebuild",
        description=(
            "Add a source page and rebuild. A text file is copied into data/sources as it is. A saved HTML\n"
            "page or a URL is turned into the same text layout (title, headings, paragraphs, numbered items\n"
            "with their date lines), navigation, scripts, styles, footers, cookie banners and promo boxes\n"
            "dropped. A page that cannot be fetched or read, or that fits no page kind, changes nothing\n"
            "(exit 1: no file added, no rebuild, the published release kept); a page whose text is already\n"
            "a source changes nothing (exit 0)."
        ),
        epilog=_INGEST_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("page", metavar="PAGE", help="a plain-text page, a saved HTML page, or an http(s) URL")
    i.add_argument(
        "--kind",
        choices=[k.value for k in PageKind],
        help="the page kind (detected when not given); remembered for later builds",
    )
    i.add_argument("--output", help="output folder (default dist/)")
    i.add_argument("--quiet", action="store_true", help="no progress messages")
    i.add_argument(
        "--timeout",
        type=_positive(float),
        default=30.0,
        metavar="S",
        help="time limit of a fetch (default 30 s)",
    )
    i.add_argument(
        "--max-bytes",
        type=_positive(int),
        default=5_000_000,
        metavar="N",
        help="largest page accepted, in bytes (default 5000000)",
    )
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
    sv.add_argument(
        "--processes",
        type=_at_least_one,
        help="service processes on the port, each with its own workers (default 1)",
    )
    sv.set_defaults(run=cmd_serve)
    return p


def _at_least_one(raw: str) -> int:
    try:
        number = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {raw!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides: dict[str, object] = {
        "root": Path(args.root) if args.root else None,
        "base_iri": args.base_iri,
        "output": Path(args.output) if getattr(args, "output", None) else None,
        "host": getattr(args, "host", None),
        "port": getattr(args, "port", None),
        "processes": getattr(args, "processes", None),
    }
    try:
        settings = Settings.from_env(None, **overrides)
    except ValueError as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    return int(args.run(args, settings))


if __name__ == "__main__":
    sys.exit(main())
