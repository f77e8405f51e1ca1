"""One test per row of the integration profile (design section 3), querying only standard terms."""

from __future__ import annotations

from tests.conftest import ID, values


def test_every_resource_has_type_labels_and_source(kg):
    missing = values(
        kg,
        f"""SELECT DISTINCT ?s WHERE {{
          ?s a ?t . FILTER(STRSTARTS(STR(?s), "{ID}") && !CONTAINS(STR(?s), "#"))
          FILTER NOT EXISTS {{ ?s rdfs:label ?l . FILTER(LANGMATCHES(LANG(?l), "en")) }}
        }}""",
    )
    assert missing == []
    no_pref = values(
        kg,
        f'SELECT ?s WHERE {{ ?s a ?t . FILTER(STRSTARTS(STR(?s), "{ID}")) FILTER NOT EXISTS {{ ?s skos:prefLabel ?l }} }}',
    )
    assert no_pref == []
    no_source = values(
        kg,
        f"""SELECT ?s WHERE {{ ?s a ?t . FILTER(STRSTARTS(STR(?s), "{ID}"))
            FILTER NOT EXISTS {{ ?s dcterms:source|prov:wasDerivedFrom ?src }} }}""",
    )
    assert no_source == []
    variants = values(kg, f"SELECT ?alt WHERE {{ <{ID}country/KGZ> skos:altLabel ?alt }}")
    assert ("Kyrgyz Republic",) in variants


def test_offices(kg):
    rows = values(kg, "SELECT DISTINCT ?o WHERE { ?o a org:OrganizationalUnit }")
    assert len(rows) == 10
    # every office reaches the ILO (an org:FormalOrganization) through org:subOrganizationOf
    unreached = values(
        kg,
        """SELECT ?o WHERE { ?o a org:OrganizationalUnit .
           FILTER NOT EXISTS { ?o org:subOrganizationOf+ ?ilo . ?ilo a org:FormalOrganization } }""",
    )
    assert unreached == []
    served = values(kg, f"SELECT ?c WHERE {{ <{ID}office/dwt-co-moscow> schema:areaServed ?c }}")
    assert len(set(served)) == 10
    assert values(kg, f"SELECT ?city WHERE {{ <{ID}office/dwt-co-budapest> schema:location ?city }}") == [
        ("Budapest",)
    ]


def test_countries(kg):
    rows = values(
        kg,
        f"""SELECT ?wd ?a2 ?a3 ?m49 ?unsd ?eu WHERE {{
          <{ID}country/MDA> a schema:Country ; owl:sameAs ?wd ; skos:notation ?a2, ?a3, ?m49 ;
             skos:exactMatch ?unsd, ?eu .
          FILTER(DATATYPE(?a2) = ilo:ISO3166Alpha2 && DATATYPE(?a3) = ilo:ISO3166Alpha3 && DATATYPE(?m49) = ilo:M49)
          FILTER(STRSTARTS(STR(?unsd), "http://metadata.un.org/sdg/codes/geoArea/"))
          FILTER(STRSTARTS(STR(?eu), "http://publications.europa.eu/resource/authority/country/"))
        }}""",
    )
    assert rows == [
        (
            "http://www.wikidata.org/entity/Q217",
            "MD",
            "MDA",
            "498",
            "http://metadata.un.org/sdg/codes/geoArea/498",
            "http://publications.europa.eu/resource/authority/country/MDA",
        )
    ]
    assert values(kg, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ilo:MemberState }") == [("51",)]
    assert values(kg, f"ASK {{ <{ID}country/XKX> a schema:Country }}") == [("True",)]
    assert values(kg, f"ASK {{ <{ID}country/XKX> a ilo:MemberState }}") == [("False",)]


def test_projects(kg):
    rows = values(
        kg,
        f"""SELECT ?start ?end ?funder ?country WHERE {{
          <{ID}project/employment-and-social-affairs-platform> a schema:Project ;
             schema:startDate ?start ; schema:endDate ?end ; schema:funder ?funder .
          OPTIONAL {{ <{ID}project/access-to-justice-in-labour-disputes-through-mediation-and-conciliation-in-albania>
                      schema:areaServed ?country }}
          FILTER(DATATYPE(?start) = xsd:date)
        }}""",
    )
    assert set(rows) == {("2019-11-01", "2023-09-30", ID + "organization/european-union", ID + "country/ALB")}
    themes = values(
        kg,
        f"SELECT ?t WHERE {{ <{ID}project/map16-in-kosovo-measurement-awareness-raising-and-policy-engagement-"
        f"to-accelerate-action-against-child-labour-and-forced-labour> dcterms:subject ?t }}",
    )
    assert {(ID + "theme/child-labour",), (ID + "theme/forced-labour",)} <= set(themes)


def test_organizations(kg):
    rows = values(
        kg,
        f"""SELECT ?wd ?iati WHERE {{ <{ID}organization/ilo> a org:Organization, schema:Organization ;
             owl:sameAs ?wd ; skos:notation ?iati }}""",
    )
    assert rows == [("http://www.wikidata.org/entity/Q54129", "XM-DAC-41302")]
    assert values(
        kg, f"ASK {{ <{ID}organization/government-of-sweden> a org:Organization, schema:Organization }}"
    ) == [("True",)]


def test_people_and_dated_roles(kg):
    rows = values(
        kg,
        f"""SELECT DISTINCT ?name ?title ?office ?date WHERE {{
          ?p a foaf:Person, schema:Person ; schema:name ?name ; org:memberOf ?office .
          ?m a org:Membership ; org:member ?p ; org:role/skos:prefLabel ?title ; org:memberDuring ?during ;
             ilo:asOf ?date .
          FILTER(?p = <{ID}person/magnus-berge>)
        }} ORDER BY ?date""",
    )
    assert rows == [
        (
            "Magnus Berge",
            "Senior Specialist for Workers' Organizations",
            ID + "office/dwt-co-budapest",
            "2021-06-14",
        ),
        ("Magnus Berge", "Technical Specialist", ID + "office/dwt-co-budapest", "2024-03-12"),
    ]
    # the pages of 2021 and 2024 disagree: the plain term holds the newest, each title stays a dated claim
    titles = values(kg, f"SELECT ?t WHERE {{ <{ID}person/magnus-berge> schema:jobTitle ?t }}")
    assert set(titles) == {("Technical Specialist",)}
    claims = values(
        kg,
        f"""SELECT ?v ?on WHERE {{ ?c ilo:claimSubject <{ID}person/magnus-berge> ;
              ilo:claimProperty schema:jobTitle ; ilo:claimValue ?v ; ilo:statedOn ?on }} ORDER BY ?on""",
    )
    assert claims == [
        ("Senior Specialist for Workers' Organizations", "2021-11-11"),
        ("Technical Specialist", "2024-04-11"),
    ]


def test_news_items(kg):
    rows = values(
        kg,
        """SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE { ?n a schema:NewsArticle ; schema:headline ?h ;
             schema:datePublished ?d . FILTER(DATATYPE(?d) = xsd:date) }""",
    )
    assert rows == [("25",)]
    about = values(
        kg,
        """SELECT ?x WHERE { ?n schema:headline ?h ; schema:about|schema:mentions ?x .
            FILTER(STRSTARTS(?h, "Bulgaria renews")) }""",
    )
    assert {(ID + "country/BGR",), (ID + "convention/C155",), (ID + "convention/C187",)} <= set(about)


def test_events(kg):
    rows = values(
        kg,
        """SELECT ?date ?country ?convention WHERE {
          ?e a schema:Event ; schema:startDate ?date ; schema:location ?country ; ilo:convention ?convention .
          ?convention a schema:Legislation .
        } ORDER BY ?date ?convention""",
    )
    assert sorted(set(rows)) == [
        ("2024-02-15", ID + "country/GEO", ID + "convention/MLC2006"),
        ("2024-04-10", ID + "country/BGR", ID + "convention/C155"),
        ("2024-04-10", ID + "country/BGR", ID + "convention/C187"),
    ]
    kinds = values(kg, "SELECT DISTINCT ?k WHERE { ?e a ?k . ?k rdfs:subClassOf+ schema:Event }")
    for k in (
        "Ratification",
        "ProgrammeSigning",
        "ProjectLaunch",
        "Training",
        "Meeting",
        "Statement",
        "Interview",
    ):
        assert ("https://w3id.org/ilo-kg/ontology#" + k,) in kinds


def test_conventions(kg):
    rows = values(
        kg,
        f"""SELECT ?id ?see WHERE {{ <{ID}convention/C155> a schema:Legislation ; schema:legislationIdentifier ?id ;
             rdfs:seeAlso ?see . FILTER(CONTAINS(STR(?see), "normlex.ilo.org")) }}""",
    )
    assert rows[0][:1] == ("C155",) and len(rows) == 2


def test_figures_are_typed_literals(kg):
    rows = values(
        kg,
        f"""SELECT ?p ?v WHERE {{ <{ID}project/eu4business> ?p ?v . ?p rdfs:subPropertyOf ilo:figure .
            FILTER(DATATYPE(?v) = xsd:integer) }} ORDER BY ?p""",
    )
    assert set(rows) == {
        ("https://w3id.org/ilo-kg/ontology#businessesRegistered", "36"),
        ("https://w3id.org/ilo-kg/ontology#jobsCreated", "40"),
        ("https://w3id.org/ilo-kg/ontology#peopleTrained", "110"),
    }
    rank = values(kg, "SELECT ?r WHERE { ?e ilo:ratificationRank ?r }")
    assert rank == [("105",)]
