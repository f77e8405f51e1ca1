"""Every fact the seeds state: counts, dates, coverage, funders, people, name variants merged."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import ID, ROOT, values


def count(kg, where: str) -> int:
    return int(values(kg, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")[0][0])


def test_counts(kg):
    assert count(kg, f"?x a ilo:Project . ?x dcterms:source <{ID}source/000-cbae26d3a4f12fc4>") == 7
    assert count(kg, "?x a ilo:Project") == 12
    assert count(kg, "?x a ilo:NewsItem") == 25
    assert count(kg, "?x a ilo:Person") == 10
    assert count(kg, "?x a ilo:Ratification") == 3
    assert count(kg, "?x a ilo:DecentWorkCountryProgramme") == 1


def test_project_dates(kg):
    rows = values(
        kg,
        "SELECT ?n ?s ?e WHERE { ?p a ilo:Project ; schema:name ?n ; schema:startDate ?s ; schema:endDate ?e }",
    )
    by_name = {n: (s, e) for n, s, e in rows}
    assert by_name["Local Employment Partnerships 2"] == ("2021-01-01", "2023-12-31")
    assert by_name["Improving compliance with key International Labour Standards in Ukraine"] == (
        "2020-03-16",
        "2023-09-23",
    )
    assert len(by_name) == 7


def test_coverage_stated_by_pages(kg):
    src3 = f"<{ID}source/003-c545ded7762d5d2c>"
    moscow = values(
        kg,
        f"SELECT ?c WHERE {{ GRAPH ?g {{ <{ID}office/dwt-co-moscow> ilo:covers ?c }} FILTER(?g = <https://w3id.org/ilo-kg/graph/source/003-c545ded7762d5d2c>) }}",
    )
    assert len(moscow) == 10
    budapest = {
        c
        for (c,) in values(
            kg,
            f"SELECT ?c WHERE {{ GRAPH <https://w3id.org/ilo-kg/graph/source/003-c545ded7762d5d2c> {{ <{ID}office/dwt-co-budapest> ilo:covers ?c }} }}",
        )
    }
    assert len(budapest) == 18 and ID + "country/XKX" in budapest
    assert src3
    brussels = {
        c for (c,) in values(kg, f"SELECT ?c WHERE {{ <{ID}office/ilo-office-in-brussels> ilo:covers ?c }}")
    }
    assert brussels == {ID + "country/BEL", ID + "country/NLD", ID + "country/LUX"}
    assert (ID + "country/SMR",) in values(
        kg, f"SELECT ?c WHERE {{ <{ID}office/ilo-office-in-rome> ilo:covers ?c }}"
    )
    coordinators = values(kg, "SELECT DISTINCT ?c WHERE { ?o ilo:nationalCoordinatorIn ?c }")
    assert len(coordinators) == 12
    moscow_facts = values(
        kg,
        f"SELECT ?f ?since ?renamed WHERE {{ <{ID}office/dwt-co-moscow> ilo:formerName ?f ; ilo:inCitySince ?since ; ilo:renamedIn ?renamed }}",
    )
    assert set(moscow_facts) == {
        ("ILO Subregional Office for Eastern Europe and Central Asia", "1959", "2010-04")
    }


def test_funders(kg):
    rows = set(values(kg, "SELECT ?p ?f WHERE { ?p ilo:fundedBy ?f }"))
    eu, se = ID + "organization/european-union", ID + "organization/government-of-sweden"
    assert (ID + "project/employment-and-social-affairs-platform", eu) in rows
    assert (ID + "project/local-employment-partnerships-2", eu) in rows
    assert (ID + "project/eu4business", eu) in rows
    assert (ID + "project/empowering-women-against-covid-19", se) in rows
    assert (
        ID + "project/access-to-justice-in-labour-disputes-through-mediation-and-conciliation-in-albania",
        se,
    ) in rows
    partners = set(values(kg, "SELECT ?p ?o WHERE { ?p ilo:partner|ilo:implementedBy ?o }"))
    assert (
        ID + "project/applying-the-g20-training-strategy-a-partnership-of-the-ilo-and-the-russian-federation",
        ID + "organization/government-of-the-russian-federation",
    ) in partners
    assert (
        ID
        + "project/e-mindful-enhancing-european-migration-narrative-to-develop-further-unions-long-term-actions",
        ID + "organization/osce",
    ) in partners


def test_name_variants_merged(kg):
    alts = {
        a
        for (a,) in values(
            kg,
            f"SELECT ?a WHERE {{ <{ID}project/access-to-justice-in-labour-disputes-through-mediation-and-conciliation-in-albania> skos:altLabel ?a }}",
        )
    }
    assert "Access to Justice in Labour Law Disputes through Mediation and Conciliation" in alts
    assert values(kg, f"SELECT ?a WHERE {{ <{ID}person/kenichi-hirose> skos:altLabel ?a }}") == [
        ("Ken Hirose",)
    ]
    assert count(kg, "?x a ilo:Person ; schema:name ?n . FILTER(CONTAINS(?n, 'Hirose'))") == 1
    lep_news = count(kg, f"?x ilo:mentions <{ID}project/local-employment-partnerships-2>")
    assert lep_news >= 3  # 001 (Local Employment Partnership II), 001 EU4Business item, 002 (LEPs)
    office_alts = {
        a for (a,) in values(kg, f"SELECT ?a WHERE {{ <{ID}office/dwt-co-budapest> skos:altLabel ?a }}")
    }
    assert {"ILO Office for Central and Eastern Europe", "DWT/CO Budapest"} <= office_alts


def test_people(kg):
    rows = set(values(kg, "SELECT ?n ?t WHERE { ?p a ilo:Person ; schema:name ?n ; schema:jobTitle ?t }"))
    assert ("Alessandra Molz", "Skills Specialist") in rows
    assert ("Maria José Chamorro", "Gender Specialist") in rows
    assert ("Gilbert F. Houngbo", "Director-General") in rows
    assert ("Markus Pilgrim", "Director") in rows
    staff = values(kg, f"SELECT ?s WHERE {{ <{ID}project/local-employment-partnerships-2> ilo:staff ?s }}")
    assert staff == [(ID + "person/amra-seleskovic",)]


def test_every_triple_has_its_source_graph(built):
    for g in built.assembled.dataset.graphs():
        name = str(g.identifier)
        if "/graph/source/" in name:
            source = name.replace("/graph/source/", "/id/source/")
            subjects = {s for s in g.subjects() if "#" not in str(s) and str(s).startswith(ID)}
            for s in subjects:
                assert (s, None, None) in g
            assert any(str(o) == source for o in g.objects())


def test_no_unresolved_mentions(built):
    assert built.assembled.unresolved == ()


def test_stats_and_ingest(tmp_path):
    root = tmp_path / "p"
    for part in ("data", "ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    page = ROOT / "tests" / "fixtures" / "pages" / "news_2022_by_month.txt"
    cmd = [sys.executable, "-m", "ilo_kg.cli", "--root", str(root)]
    res = subprocess.run(
        [*cmd, "ingest", str(page), "--quiet", "--output", str(tmp_path / "d")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    assert (root / "data" / "sources" / page.name).is_file()
    nt = (tmp_path / "d" / "ilo-kg.nt").read_bytes()
    again = subprocess.run(
        [*cmd, "ingest", str(page), "--output", str(tmp_path / "d")], capture_output=True, text=True
    )
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert (tmp_path / "d" / "ilo-kg.nt").read_bytes() == nt
    stats = subprocess.run([*cmd, "stats"], capture_output=True, text=True)
    assert "ilo:Project" in stats.stdout and "unresolved mentions" in stats.stdout
