"""The build: validated, inferred, deterministic, atomic; the CLI around it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Dataset, Graph, URIRef
from tests.conftest import BASE, ROOT

from ilo_kg.build import BuildError, build
from ilo_kg.config import Settings
from ilo_kg.publish import read_manifest, releases_dir
from ilo_kg.reference import ReferenceError

FILES = [
    "ilo-kg.trig",
    "ilo-kg.nq",
    "ilo-kg.nt",
    "ilo-kg.ttl",
    "ilo-kg.jsonld",
    "context.jsonld",
    "void.ttl",
    "validation-report.txt",
    "manifest.json",
    "ontology.ttl",
    "shapes.ttl",
]


def copy_root(tmp: Path) -> Path:
    root = tmp / "project"
    for part in ("data", "ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return root


def test_published_files_parse_and_describe_themselves(built):
    out = built.published.folder
    for name in FILES:
        assert (out / name).is_file(), name
    ds = Dataset()
    ds.parse(out / "ilo-kg.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {BASE + "graph/reference", BASE + "graph/ontology", BASE + "graph/inferred"} <= names
    assert sum(n.startswith(BASE + "graph/source/") for n in names) == 5
    Graph().parse(out / "ilo-kg.jsonld", format="json-ld")
    void = Graph().parse(out / "void.ttl")
    manifest = read_manifest(out)
    assert manifest is not None
    sha = manifest["files"]["ilo-kg.nt"]["sha256"]  # type: ignore[index]
    assert any(str(o) == sha for o in void.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue")))
    assert "Conforms" in (out / "validation-report.txt").read_text()


def test_inferred_graph_has_no_noise(built):
    inferred = built.assembled.dataset.graph(URIRef(BASE + "graph/inferred"))
    assert len(inferred) > 0
    for s, p, o in inferred:
        assert str(s).startswith(BASE + "id/"), s
        assert not (p == OWL.sameAs and s == o)
        assert o not in (OWL.Thing, URIRef("http://www.w3.org/2000/01/rdf-schema#Resource"))
    assert not list(inferred.subjects(RDF.type, OWL.Nothing))
    # asserted triples are not repeated in the inferred graph
    asserted = built.assembled.dataset.graph(URIRef(BASE + "graph/reference"))
    assert not any(t in asserted for t in inferred)


def test_two_builds_give_byte_identical_ntriples(tmp_path):
    """The default build, every source page of the project included, is deterministic."""
    first = build(Settings(root=ROOT, output=tmp_path / "first"))
    again = build(Settings(root=ROOT, output=tmp_path / "again"))
    for dump in ("ilo-kg.nt", "ilo-kg.nq", "ilo-kg.trig", "ilo-kg.ttl", "ilo-kg.jsonld"):
        assert (again.published.folder / dump).read_bytes() == (first.published.folder / dump).read_bytes(), (
            dump
        )
    assert again.published.version == first.published.version
    pages = len(list((ROOT / "data" / "sources").glob("*.txt")))
    assert len(first.assembled.pages) == pages >= 45  # no page refused


def test_invalid_data_is_refused_and_last_output_kept(tmp_path):
    root = copy_root(tmp_path)
    out = tmp_path / "dist"
    good = build(Settings(root=root, output=out))
    before = (out / "manifest.json").read_text()
    # a project whose end is before its start, and a page that says so
    page = root / "data" / "sources" / "999_bad.txt"
    page.write_text(
        "Overview of current projects\n\nIntro.\n\n  1. Backwards project in Serbia\n\n"
        "    1 March 2023 - 31 December 2022\n\n    A project that ends before it starts.\n"
    )
    with pytest.raises(BuildError) as caught:
        build(Settings(root=root, output=out))
    report = caught.value.report
    assert report is not None and not report.conforms
    text = report.text()
    assert "backwards-project-in-serbia" in text and "start date" in text.lower()
    assert (out / "manifest.json").read_text() == before
    assert out.resolve() == good.published.release
    assert not [p for p in releases_dir(out).iterdir() if p.name.endswith(".partial")]


def test_invalid_reference_data_names_file_and_row(tmp_path):
    root = copy_root(tmp_path)
    countries = root / "data" / "reference" / "countries.csv"
    lines = countries.read_text().splitlines()
    lines[1] = lines[1].replace(",ALB,", ",ALBX,", 1)
    countries.write_text("\n".join(lines) + "\n")
    with pytest.raises(ReferenceError, match=r"countries\.csv:2: column 'iso_alpha3'"):
        build(Settings(root=root, output=tmp_path / "dist"))
    assert not (tmp_path / "dist").exists()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_cli_validate(built, tmp_path):
    ok = run_cli("validate", str(built.published.folder / "ilo-kg.ttl"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ilo: <https://w3id.org/ilo-kg/ontology#> .\n"
        "<https://w3id.org/ilo-kg/id/country/Albania> a ilo:MemberState .\n"
    )
    res = run_cli("validate", str(bad))
    assert res.returncode == 1
    assert "https://w3id.org/ilo-kg/id/country/Albania" in res.stdout
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle")
    res = run_cli("validate", str(garbage))
    assert res.returncode == 2 and "cannot parse" in res.stderr


def test_cli_query_formats(built):
    out = str(built.published.folder)
    q = "PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ilo:MemberState }"
    res = run_cli("query", q, "--format", "csv", "--output", out)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["n", "51"]
    table = run_cli("query", q, "--output", out)
    assert "51" in table.stdout and "(1 row)" in table.stdout
    bad = run_cli("query", "SELECT * WHERE {", "--output", out)
    assert bad.returncode == 1 and "syntax" in bad.stderr.lower()
    update = run_cli("query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--output", out)
    assert update.returncode == 1


def test_un_dataset_merge_joins_through_shared_iris(built):
    """An excerpt of UNSD geoArea records and SDG KOS goals, merged with the published graph."""
    merged = Graph()
    merged.parse(built.published.folder / "ilo-kg.nt", format="nt")
    merged.parse(ROOT / "tests" / "fixtures" / "unsd-excerpt.ttl", format="turtle")
    rows = merged.query(
        """PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?unsdName WHERE {
             ?office schema:areaServed ?c . ?c skos:exactMatch ?area . ?area skos:prefLabel ?unsdName .
             FILTER(?office = <https://w3id.org/ilo-kg/id/office/dwt-co-moscow>)
             FILTER(STRSTARTS(STR(?area), "http://metadata.un.org/sdg/codes/geoArea/"))
           } ORDER BY ?unsdName"""
    )
    assert [str(r[0]) for r in rows] == ["Armenia", "Kazakhstan", "Tajikistan"]


def test_a_killed_build_leaves_the_last_good_output(tmp_path):
    """Kill builds at several moments: the output is always the last complete release, never half-written."""
    import signal
    import time

    root = copy_root(tmp_path)
    out = tmp_path / "dist"
    good = build(Settings(root=root, output=out))
    nt = (out / "ilo-kg.nt").read_bytes()
    (root / "data" / "sources" / "000_cbae26d3a4f12fc4.txt").write_text(
        (root / "data" / "sources" / "000_cbae26d3a4f12fc4.txt").read_text() + "\n"
    )
    cmd = [sys.executable, "-m", "ilo_kg.cli", "--root", str(root), "build", "--quiet", "--output", str(out)]
    for delay in (0.5, 2.0, 4.0):
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        manifest = read_manifest(out)
        assert manifest is not None
        data = (out / "ilo-kg.nt").read_bytes()
        assert data == nt or manifest["version"] != good.published.version  # old release, or a new whole one
        Graph().parse(out / "ilo-kg.nt", format="nt")


def test_an_inconsistent_graph_is_refused(built):
    from ilo_kg.infer import infer
    from ilo_kg.iris import ILO

    data = Graph()
    kosovo = URIRef(BASE + "id/country/XKX")
    for triple in built.assembled.dataset.graph(URIRef(BASE + "graph/reference")):
        data.add(triple)
    data.add((kosovo, RDF.type, ILO.MemberState))  # a member State and a territory: disjoint classes
    result = infer(data, built.assembled.ontology, BASE)
    assert result.errors, "a disjointness clash must be reported"
    assert any("XKX" in e or "disjoint" in e.lower() for e in result.errors)
    clean = infer(
        built.assembled.dataset.graph(URIRef(BASE + "graph/reference")), built.assembled.ontology, BASE
    )
    assert clean.errors == ()


def test_cli_query_time_limit_stops_the_query(built):
    import os

    env = {**os.environ, "ILO_KG_TIMEOUT_S": "1.5"}
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    res = subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", "query", slow, "--output", str(built.published.folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert res.returncode == 1
    assert "time limit of 1.5 s" in res.stderr


def test_reference_and_oxigraph_checkers_publish_the_same_graph(built, seeds, tmp_path):
    reference = build(Settings(root=seeds, output=tmp_path / "ref", checker="reference"))
    assert reference.report.conforms
    assert (reference.published.folder / "ilo-kg.nt").read_bytes() == (
        built.published.folder / "ilo-kg.nt"
    ).read_bytes()
    with pytest.raises(BuildError, match="checker='fast'"):
        build(Settings(root=ROOT, output=tmp_path / "x", checker="fast"))


def test_build_from_a_prepared_nquads_file(tmp_path):
    """The large-graph path on a small generated graph: published atomically; violations publish nothing."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    good = tmp_path / "good.nq"
    generate(10_000, seed=1, path=good)
    out = tmp_path / "dist"
    res = run_cli("build", "--quiet", "--from", str(good), "--output", str(out))
    assert res.returncode == 0, res.stderr
    manifest = read_manifest(out)
    assert manifest is not None and "ilo-kg.nq" in manifest["files"]  # type: ignore[operator]
    assert any(name.endswith("/graph/inferred") for name in manifest["graphs"])  # type: ignore[union-attr]
    Graph().parse(out / "void.ttl")
    before = (out / "manifest.json").read_text()
    bad = tmp_path / "bad.nq"
    generate(10_000, seed=1, path=bad, violations_per_shape=1)
    res = run_cli("build", "--quiet", "--from", str(bad), "--output", str(out))
    assert res.returncode == 1
    assert "does not conform" in res.stderr and "Violation" in res.stderr
    assert (out / "manifest.json").read_text() == before
    missing = run_cli("build", "--from", str(tmp_path / "nope.nq"), "--output", str(out))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_nquads_dump_of_the_large_path_keeps_every_graph(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    source = tmp_path / "g.nq"
    generate(10_000, seed=2, path=source)
    out = tmp_path / "dist"
    assert run_cli("build", "--quiet", "--from", str(source), "--output", str(out)).returncode == 0
    dumped = Dataset()
    dumped.parse(out / "ilo-kg.nq", format="nquads")
    manifest = read_manifest(out)
    assert manifest is not None
    counts = {str(g.identifier): len(g) for g in dumped.graphs() if len(g)}
    expected = {g: n for g, n in manifest["graphs"].items() if not g.endswith("/graph/void")}  # type: ignore[union-attr]
    assert counts == expected


def test_manifest_carries_the_home_page_summary(built):
    manifest = read_manifest(built.published.folder)
    assert manifest is not None
    summary = manifest["summary"]
    classes = {c: n for c, n, _label in summary["classes"]}  # type: ignore[index]
    assert classes["https://w3id.org/ilo-kg/ontology#Project"] == 12
    assert classes["https://w3id.org/ilo-kg/ontology#MemberState"] == 51
    sources = {s for s, _label, _n in summary["sources"]}  # type: ignore[index]
    assert BASE + "id/source/003-c545ded7762d5d2c" in sources


def test_both_input_adapters_share_one_version_formula_and_one_stop_message():
    import hashlib

    from ilo_kg.publish import version_of
    from ilo_kg.stages import NOT_CONFORMING, inconsistent, release_version

    union = b'<https://w3id.org/ilo-kg/id/a> <https://schema.org/name> "A" .\n'
    digest = hashlib.sha256(union).hexdigest()
    # the source pages' publish hashes the bytes it writes; the N-Quads build reuses the digest it took
    assert version_of(union, "1.2.3") == release_version("1.2.3", digest) == f"1.2.3+{digest[:12]}"
    stop = inconsistent(["<x> is both a member State and a territory", "a second clash"])
    assert isinstance(stop, BuildError) and stop.report is None
    assert str(stop) == (
        "the graph is inconsistent under OWL 2 RL: <x> is both a member State and a territory; "
        "a second clash; nothing was published"
    )
    assert NOT_CONFORMING.endswith("nothing was published")


def test_the_nquads_adapter_refuses_a_file_it_cannot_parse(tmp_path):
    from ilo_kg.build import NQuadsFile

    broken = tmp_path / "broken.nq"
    broken.write_text("<https://w3id.org/ilo-kg/id/a> <https://schema.org/name> .\n")
    out = tmp_path / "dist"
    with pytest.raises(BuildError, match=r"broken\.nq: cannot load"):
        build(Settings(root=ROOT, output=out), source=NQuadsFile(broken))
    assert not out.exists()
