"""Text mining of pages in French, Italian, German and Portuguese: page text -> records, per language.

Each rule is tested with sentences in the shapes the region's pages use and with negative cases: a
future tense, a call, a range, a date, a reference back, a place or a body that is not a person.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from ilo_kg.iris import Minter
from ilo_kg.languages import LANGUAGES, language
from ilo_kg.languages.facts import organization_names, people, quantities, title_organizations
from ilo_kg.languages.names import country_names, variants
from ilo_kg.link import Gazetteer
from ilo_kg.records import Page
from ilo_kg.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
FR, IT, DE, PT = (LANGUAGES[c] for c in ("fr", "it", "de", "pt"))


def _people(text: str, lang: str) -> dict[str, str | None]:
    row = language(lang)
    assert row is not None
    return {p.name: p.title for p in people(text, row)}


def _orgs(text: str, lang: str) -> list[str]:
    row = language(lang)
    assert row is not None
    return [o.name for o in organization_names(text, row)]


def _figures(text: str, lang: str) -> list[tuple[int | float, str]]:
    row = language(lang)
    assert row is not None
    return [(q.value, q.unit) for q in quantities(text, row)]


# --- people -----------------------------------------------------------------------------------------


def test_french_name_then_title_in_a_list() -> None:
    text = (
        "aux côtés desquels on pouvait entendre Catherine Coutelle, députée, Marie-ange Moreau, juriste et "
        "Yves Struillou, Directeur général du travail."
    )
    assert _people(text, "fr") == {
        "Catherine Coutelle": "députée",
        "Marie-ange Moreau": "juriste",
        "Yves Struillou": "Directeur général du travail",
    }


def test_french_title_keeps_the_employer_short_name() -> None:
    got = _people(
        "Frédéric Lerais, directeur général, IRES, et Mathieu Plane, directeur adjoint, département analyse et "
        "prévision, OFCE, seront",
        "fr",
    )
    assert got["Frédéric Lerais"] == "directeur général, IRES"
    assert got["Mathieu Plane"] == "directeur adjoint, département analyse et prévision, OFCE"
    assert title_organizations(got["Mathieu Plane"] or "") == ["OFCE"]
    assert title_organizations("directeur général, IRES") == ["IRES"]
    assert title_organizations("directeur des études à Coe-Rexecode") == ["Coe-Rexecode"]
    assert title_organizations("Directeur général du BIT") == []  # the ILO is no employer to discover


def test_french_title_before_name_with_honorific() -> None:
    text = "le 29 avril, le Directeur général du BIT M. Guy Ryder a souligné le rôle majeur des politiques."
    assert _people(text, "fr") == {"Guy Ryder": "Directeur général du BIT"}
    assert _people("aux côtés du Ministre du travail François Rebsamen, en présence", "fr") == {
        "François Rebsamen": "Ministre du travail"
    }


def test_german_title_comma_name_after_an_article() -> None:
    text = "Am Internationalen Tag der Jugend erklärt der Generaldirektor der ILO, Gilbert F. Houngbo, dass junge"
    assert _people(text, "de") == {"Gilbert F. Houngbo": "Generaldirektor der ILO"}


def test_italian_holders_of_a_title_listed_after_a_copula() -> None:
    text = "Direttori dell'Ufficio di Roma sono stati Angiolo Cabrini, Ugo Ruffolo (reggente), Pier Paolo Fano, Luigi Cal."
    assert _people(text, "it") == {
        "Angiolo Cabrini": "Direttore dell'Ufficio di Roma",
        "Ugo Ruffolo": "Direttore dell'Ufficio di Roma (reggente)",
        "Pier Paolo Fano": "Direttore dell'Ufficio di Roma",
        "Luigi Cal": "Direttore dell'Ufficio di Roma",
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Come Stato membro dell'OIL, San Marino partecipa alle attività.", "it"),  # a title, then a place
        ("Nel 1993 il Ministro del Lavoro istituisce un Comitato.", "it"),  # a title with no name
        ("Message du Directeur général du BIT", "fr"),
        ("Le festival de Poitiers, organisé par l'association éponyme, connait sa 7e édition.", "fr"),
        ("La Villa Aldobrandini, sede dell'Ufficio, fu restaurata.", "it"),  # no title word follows
        ("Lundi Matin, journée de rencontres.", "fr"),  # a day is no given name
    ],
)
def test_phrases_that_are_not_people(text: str, lang: str) -> None:
    assert _people(text, lang) == {}


# --- organizations ------------------------------------------------------------------------------------


def test_french_council_with_a_list_of_adjectives() -> None:
    assert _orgs("au siège du Conseil économique, social et environnemental*.", "fr") == [
        "Conseil économique, social et environnemental"
    ]
    assert _orgs("du Conseil économique social et environnemental, le Directeur", "fr") == [
        "Conseil économique social et environnemental"
    ]


def test_german_ministries_and_short_names_of_social_partners() -> None:
    text = (
        "Kontakt zu den Ministerien (Bundesministerium für Arbeit und Soziales als dem federführenden Ressort "
        "innerhalb der Bundesregierung, Bundesministerium für Familie, Senioren, Frauen und Jugend) sowie zu "
        "den Sozialpartnern (BDA, DGB), zu Kirchen."
    )
    got = organization_names(text, DE)
    assert [o.name for o in got] == [
        "Bundesministerium für Arbeit und Soziales",
        "Bundesregierung",
        "Bundesministerium für Familie, Senioren, Frauen und Jugend",
        "BDA",
        "DGB",
    ]
    assert got[0].kind == "government" and got[3].kind == "other"


def test_italian_and_portuguese_names_and_reverse_acronym() -> None:
    text = "in seguito ad accordi tra UNIDROIT (Istituto Internazionale per l'Unificazione del Diritto Privato, cui"
    got = organization_names(text, IT)
    assert [(o.name, o.acronym) for o in got] == [
        ("Istituto Internazionale per l'Unificazione del Diritto Privato", "UNIDROIT")
    ]
    assert _orgs("Nel 1937 l'Italia recede dalla Società delle Nazioni e il Comune di Torino", "it") == [
        "Società delle Nazioni",
        "Comune di Torino",
    ]
    assert _orgs("os mandantes tripartidos portugueses: Ministério do Trabalho e organizações", "pt") == [
        "Ministério do Trabalho"
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("membre du Conseil d'administration du BIT", "fr"),  # an ILO body
        ("da participação do seu Centro de Informação e Documentação (CDI)", "pt"),  # its own centre
        ("um Escritório da Organização em Lisboa", "pt"),  # "the Organization", then a place
        ("für die Organisation von Interesse sind", "de"),  # "of interest": no name
        ("Le Conseil propose une réforme.", "fr"),  # a head alone refers back; "propose" is a verb
    ],
)
def test_phrases_that_are_not_discovered_organizations(text: str, lang: str) -> None:
    assert _orgs(text, lang) == []


# --- figures --------------------------------------------------------------------------------------


def test_figures_in_digits_and_number_words() -> None:
    assert _figures("Des 2000 agents et 600 experts qui la composent, un millier travaillent.", "fr") == [
        (2000, "agents"),
        (600, "experts"),
    ]
    assert _figures("le attività si concentrano in tre aree prioritarie.", "it") == [(3, "aree prioritarie")]
    assert _figures("(média de 3 milhões de visitas/ano) e quatro funções principais.", "pt") == [
        (3_000_000, "visitas"),
        (4, "funções principais"),
    ]
    assert _figures("Die 17 Sustainable Development Goals (SDGs) der Vereinte Nationen", "de") == [
        (17, "Sustainable Development Goals")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Raymond Torres présentera 12 conclusions le vendredi 19 février.", "fr"),  # future tense
        ("du 29 janvier au 7 février, le lundi 1er février, à partir de 10h00", "fr"),  # dates, a time
        ("connait actuellement sa 7e édition", "fr"),  # an ordinal
        ("constitués d'équipe légère (4 à 6 agents)", "fr"),  # a range
        ("est, depuis 1990, une administration, ouvert en janvier 1920.", "fr"),  # years
        ("Para além desses quatro eixos, a OIT", "pt"),  # a reference back to the same four
        ("Il Governo non ha ratificato 12 Convenzioni.", "it"),  # a denial
        ("SDG 8 und die Agenda 2030 vereinen Ziele.", "de"),  # identifiers
        ("L'OIT doit recruter 40 experts.", "fr"),  # an obligation, not a done fact
    ],
)
def test_numbers_that_are_not_figures(text: str, lang: str) -> None:
    assert _figures(text, lang) == []


# --- names in the page's language ---------------------------------------------------------------------


def test_country_names_come_from_pycountry_catalogues() -> None:
    assert country_names("fr")["Allemagne"] == "DEU"
    assert country_names("it")["San Marino"] == "SMR"
    assert country_names("pt")["Alemanha"] == "DEU"
    assert country_names("xx") == {}  # no catalogue: no names, no error
    assert variants("Vereinte Nationen", "de") == ["Vereinte Nationen", "Vereinten Nationen"]


def test_gazetteer_knows_a_languages_names_only_while_reading_it() -> None:
    ref = load_reference(ROOT / "data" / "reference")
    gz = Gazetteer.from_reference(ref, Minter("https://w3id.org/ilo-kg/"))
    text = "L'OIT est une institution spécialisée des Nations-Unies; Maurice Thorez et Maurice."
    assert [m.text for m in gz.find(text, ["organization"])] == []  # an English page: not its names
    with gz.reading("fr"):
        found = gz.find(text, ["organization"])
        assert [(m.text, m.entity.label) for m in found] == [
            ("OIT", "International Labour Organization"),
            ("Nations-Unies", "United Nations"),
        ]
        # the ILO's own name is known, so the mapping never discovers it as another body
        assert gz.lookup("Organisation Internationale du Travail") == found[0].entity
        office = gz.find("Le Bureau de l'OIT pour la France est à Paris", ["office"])[0]
        assert office.entity.label == "ILO Office in Paris"
        assert [m.text for m in gz.find(office.text, ["country"], inside=True)] == ["France"]
    assert gz.language == "en"
    with gz.reading("it"):
        assert [m.entity.label for m in gz.find("l'Italia e San Marino", ["country"])] == [
            "Italy",
            "San Marino",
        ]


# --- through the mapping: a page in French -> its named graph ---------------------------------------

_FRENCH_PAGE = """Actualités

Avril 2015

30 Avril 2015 - Relever le défi du changement climatique

Le 29 avril, lors de l'assemblée plénière du Conseil économique social et environnemental, le Directeur général du BIT M. Guy Ryder a souligné le rôle majeur des politiques sociales.

Le Sommet mondial du travail se tiendra le 11 juin à Genève; Raymond Torres présentera 12 conclusions.

Le Président de la République François Hollande a été invité à participer.
"""


def _french_graph() -> tuple[Page, Graph]:
    from ilo_kg.mapping.pages import map_page
    from ilo_kg.sources import extract_text

    ref = load_reference(ROOT / "data" / "reference")
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(ref, minter)
    page = extract_text(_FRENCH_PAGE, "fr_page.txt")
    graph = Graph()
    map_page(page, gz, minter, graph, sha256="0" * 64, file_name="sources/fr_page.txt")
    return page, graph


def test_a_french_page_keeps_its_language_and_asserts_only_what_happened() -> None:
    from rdflib import RDF, URIRef

    from ilo_kg.iris import ILO, SCHEMA

    page, graph = _french_graph()
    assert page.language == "fr"
    (news,) = page.news
    assert (news.published.isoformat(), news.headline) == (
        "2015-04-30",
        "Relever le défi du changement climatique",
    )
    headlines = [h for h in graph.objects(None, SCHEMA.headline) if isinstance(h, Literal)]
    assert [h.language for h in headlines] == ["fr"]
    titles = {str(t): t.language for t in graph.objects(None, SCHEMA.jobTitle) if isinstance(t, Literal)}
    assert titles == {"Directeur général du BIT": "fr", "Président de la République": "fr"}
    kinds = {
        str(t).rsplit("#", 1)[-1]
        for e in graph.objects(None, ILO.reports)
        for t in graph.objects(e, RDF.type)
    }
    assert kinds == {"Statement"}  # "se tiendra", "présentera", "a été invité": no meeting, no other event
    (when,) = [str(d) for e in graph.objects(None, ILO.reports) for d in graph.objects(e, SCHEMA.startDate)]
    assert when == "2015-04-29"
    assert list(graph.objects(None, ILO.statesQuantity)) == []  # a future "12"
    council = URIRef("https://w3id.org/ilo-kg/id/organization/conseil-economique-social-et-environnemental")
    assert [n.language for n in graph.objects(council, SCHEMA.name) if isinstance(n, Literal)] == ["fr"]


def test_a_paragraph_opening_with_a_date_is_no_item_without_a_dash_and_headline() -> None:
    from ilo_kg.sources import extract_text

    text = (
        "Actualités\n\nAvril 2015\n\n30 Avril 2015 le Bureau a reçu une délégation du ministère, qui a présenté "
        "ses travaux sur la sécurité au travail et la prévention des risques professionnels en France. Le "
        "Bureau a aussi rappelé les conclusions de la conférence annuelle et le rôle des partenaires sociaux "
        "dans la prévention.\n"
    )
    assert extract_text(text, "x.txt").news == ()


def test_a_title_in_another_language_is_a_translation_not_a_disagreement() -> None:
    from rdflib import Dataset, URIRef

    from ilo_kg.claims import disagreements
    from ilo_kg.iris import SCHEMA
    from ilo_kg.records import PageKind

    minter = Minter("https://w3id.org/ilo-kg/")
    person = URIRef("https://w3id.org/ilo-kg/id/person/guy-ryder")
    pages = [
        Page(f"{sid}.txt", sid, PageKind.ARTICLE, f"Page {sid}") for sid in ("100-en", "143-fr", "150-fr")
    ]
    ds = Dataset()
    ds.graph(minter.source_graph("100-en")).add(
        (person, SCHEMA.jobTitle, Literal("Director-General", lang="en"))
    )
    ds.graph(minter.source_graph("143-fr")).add(
        (person, SCHEMA.jobTitle, Literal("Directeur général du BIT", lang="fr"))
    )
    assert disagreements(ds, pages, minter) == []
    ds.graph(minter.source_graph("150-fr")).add((person, SCHEMA.jobTitle, Literal("Conseiller", lang="fr")))
    (found,) = disagreements(ds, pages, minter)  # two French sources that differ do disagree
    assert sorted(str(st.value) for st in found.statements) == ["Conseiller", "Directeur général du BIT"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hier, le directeur a rencontré Paul Martin à Lyon.", "fr"),  # a verb is no part of a title
        ("il presidente ha incontrato Mario Rossi a Roma.", "it"),
        ("o diretor recebeu Ana Costa em Lisboa.", "pt"),
    ],
)
def test_a_title_never_runs_over_a_verb_to_a_name(text: str, lang: str) -> None:
    assert _people(text, lang) == {}


def test_the_shapes_accept_text_in_every_language_the_build_detects() -> None:
    """A page in any language `language_of` can return keeps its words' tag and is never refused for it."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from ilo_kg.iris import SCHEMA
    from ilo_kg.sources.common import _WORD_SETS

    shapes = Graph().parse(ROOT / "shapes" / "ilo-kg-shapes.ttl")
    for prop in (SCHEMA.headline, SCHEMA.abstract, SCHEMA.jobTitle):
        (node,) = [n for n in shapes.subjects(SH.path, prop) if (n, SH.languageIn, None) in shapes]
        lists = list(shapes.objects(node, SH.languageIn))
        tags = {str(t) for t in Collection(shapes, lists[0])}
        assert tags == set(_WORD_SETS), prop
    assert set(LANGUAGES) < set(_WORD_SETS)  # every language with a row is one the build detects


# --- events running text dates --------------------------------------------------------------------


def _dated(text: str, lang: str) -> list[tuple[str, str]]:
    from ilo_kg.languages.facts import dated_events

    row = language(lang)
    assert row is not None
    return [(e.kind, str(e.when)) for e in dated_events(text, row)]


def test_french_openings_closings_and_a_span_are_dated_by_their_own_month() -> None:
    assert _dated("Londres ouvert en juillet 1920 et fermé en décembre 2006.", "fr") == [
        ("Launch", "1920-07"),
        ("Closure", "2006-12"),
    ]
    assert _dated(
        "Rome, ouvert en juillet 1920 fut fermé en janvier 1938, puis ouvert à nouveau, en février 1947.",
        "fr",
    ) == [
        ("Launch", "1920-07"),
        ("Closure", "1938-01"),
        ("Launch", "1947-02"),
    ]
    text = (
        "Berlin qui a fonctionné de mars 1921 à février 1933, puis à Bonn de janvier 1953 à juin 2004, "
        "s'est à nouveau installé à Berlin en juillet 2004."
    )
    assert _dated(text, "fr") == [
        ("Launch", "1921-03"),
        ("Closure", "1933-02"),
        ("Launch", "1953-01"),
        ("Closure", "2004-06"),
        ("Establishment", "2004-07"),
    ]


def test_italian_history_in_the_historical_present_dated_by_its_year() -> None:
    assert _dated("L'Ufficio di Roma apre nel 1920.", "it") == [("Launch", "1920")]
    assert _dated("Nel 1919 l'Italia entra a far parte dell'ILO come Paese fondatore.", "it") == [
        ("Accession", "1919")
    ]
    text = "Nel 1933 l'Ufficio si trasferisce a Villa Aldobrandini in seguito ad accordi tra Governo italiano e ILO."
    assert _dated(text, "it") == [("Agreement", "1933")]


def test_portuguese_and_german_dates_before_or_around_their_verb() -> None:
    text = "A 8 de julho de 2002 era assinado um Acordo entre a Organização e a República Portuguesa."
    assert _dated(text, "pt") == [("Agreement", "2002-07-08")]
    assert _dated("a criação da CPLP - e a instalação em Lisboa, em 1996, do seu Secretariado", "pt") == [
        ("Establishment", "1996")
    ]
    assert _dated("Das Büro wurde im Mai 1951 in Bonn eröffnet.", "de") == [("Launch", "1951-05")]
    assert _dated("Die Vertretung wurde im Jahr 1996 geschlossen.", "de") == [("Closure", "1996")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le bureau ouvrira en mai 2030.", "fr"),  # a future
        ("Le Gouvernement prévoit un bureau ouvert en mai 2030.", "fr"),  # a plan
        ("Le bureau n'a jamais été ouvert en 1990.", "fr"),  # a denial
        ("Le syndicat appelle à un accord signé en mars 2024.", "fr"),  # a call
        ("En 1990, le BIT comptait 2000 agents.", "fr"),  # a date with no event words
        ("Le bureau est, depuis 1990, une administration décentralisée.", "fr"),  # since: a state, no event
        ("Rientrerà a farne parte nel 1945.", "it"),  # a future
        ("Il Governo propone che l'Ufficio apre nel 2030.", "it"),  # a proposal
        ("O Escritório poderá ser aberto em 2030.", "pt"),  # a possibility
        ("Das Büro wird im Mai 2030 eröffnet.", "de"),  # a future
        ("Das Büro wurde nicht im Mai 1990 eröffnet.", "de"),  # a denial
        ("Die Installation in Berlin im Jahr 2004 war teuer.", "de"),  # no verb of an event
        ("Der Empfang fand im Schloss Bellevue im Mai 2019 statt.", "de"),  # a castle, no closure
        ("Nel 2019 la strategia si fonda sul dialogo sociale.", "it"),  # "is based on", no founding
    ],
)
def test_sentences_that_date_no_event(text: str, lang: str) -> None:
    assert _dated(text, lang) == []


def test_a_page_in_another_language_reports_the_events_its_text_dates() -> None:
    from rdflib import RDF, XSD

    from ilo_kg.iris import ILO, SCHEMA
    from ilo_kg.mapping.pages import map_page
    from ilo_kg.sources import extract_text

    text = (
        "Bureau de l'OIT pour la France\n\nLe Bureau International du Travail est une administration largement "
        "décentralisée, avec des bureaux dans de nombreux pays du monde entier.\n\n"
        "Le Bureau de l'OIT pour la France fut le premier à être créé en janvier 1920.\n\n"
        "  • Londres ouvert en juillet 1920 et fermé en décembre 2006.\n"
        "  • Lisbonne, ouvert en mai 2003.\n"
        "  • Tallinn, ouvert en mai 2031.\n"
    )
    ref = load_reference(ROOT / "data" / "reference")
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(ref, minter)
    page = extract_text(text, "fr_about.txt")
    graph = Graph()
    map_page(
        page, gz, minter, graph, sha256="0" * 64, file_name="sources/fr_about.txt", retrieved="2026-12-02"
    )
    source = next(graph.subjects(RDF.type, ILO.SourcePage))
    events = {
        (str(t).rsplit("#", 1)[-1], d)
        for e in graph.objects(source, ILO.reports)
        for t in graph.objects(e, RDF.type)
        for d in graph.objects(e, SCHEMA.startDate)
    }
    assert events == {
        ("Launch", Literal("1920-01", datatype=XSD.gYearMonth)),
        ("Launch", Literal("1920-07", datatype=XSD.gYearMonth)),
        ("Closure", Literal("2006-12", datatype=XSD.gYearMonth)),
        ("Launch", Literal("2003-05", datatype=XSD.gYearMonth)),
    }  # not the opening after the page was retrieved
    descriptions = {
        d.language for e in graph.objects(source, ILO.reports) for d in graph.objects(e, SCHEMA.description)
    }
    assert descriptions == {"fr"}
    # the country the office's name states; none for an office named by its city
    places = {
        str(d): sorted(str(c).rsplit("/", 1)[-1] for c in graph.objects(e, ILO.inCountry))
        for e in graph.objects(source, ILO.reports)
        for d in graph.objects(e, SCHEMA.startDate)
    }
    assert places["1920-01"] == ["FRA"]
    assert places["2006-12"] == []


# --- news under month headings, eponymous bodies, representation -------------------------------------

_MONTHLY = (
    "Actualités\n\nFévrier 2016\n\n"
    '• La mondialisation en images et en débat au festival "Filmer le travail", à Poitiers.\n\n'
    'Le festival "Filmer le travail", organisé par l\'association éponyme, connait sa 7e édition.\n\n'
    "Ainsi, une journée de rencontres professionnelles a eu lieu le lundi 1er février, à Poitiers.\n\n"
    "> Consulter le programme de la journée de rencontres.\n\n"
    "• Présentation du rapport sur l'emploi dans le monde par le directeur du département.\n\n"
    "Le directeur a présenté les conclusions du rapport devant le Conseil, avec les partenaires sociaux.\n"
)


def test_bulleted_headlines_under_a_month_heading_are_items_of_that_month() -> None:
    from datetime import date

    from ilo_kg.sources import extract_text

    page = extract_text(_MONTHLY, "fr_news.txt")
    assert [(n.published, n.precision, n.group) for n in page.news] == [
        (date(2016, 2, 1), "month", "Février 2016"),
        (date(2016, 2, 1), "month", "Février 2016"),
    ]
    first = page.news[0]
    assert first.headline.startswith("La mondialisation en images")
    assert "Consulter" not in first.summary  # a link line is no part of the summary
    assert "a eu lieu le lundi 1er février" in first.summary


@pytest.mark.parametrize(
    "text",
    [
        # bullets with no month heading above them: a list, not news
        "Bureaux\n\n• Washington ouvert en mai 1920, puis à nouveau en 1950.\n\nLe bureau est petit.\n\n"
        "• Londres ouvert en juillet 1920.\n\nIl a fermé ses portes.\n",
        # a plain bulleted list under a month heading: no entry has a paragraph under it
        "Actualités\n\nFévrier 2016\n\n• Le rapport annuel sur l'emploi\n• La conférence de Paris\n",
    ],
)
def test_bullets_that_are_no_monthly_items(text: str) -> None:
    from ilo_kg.sources import extract_text

    running = (
        "\n\nLe Bureau International du Travail est une administration largement décentralisée, avec des "
        "bureaux dans de nombreux pays, des équipes multidisciplinaires et des correspondants nationaux qui "
        "travaillent avec les mandants tripartites de chaque pays.\n"
    )
    assert extract_text(text + running, "fr_list.txt").news == ()


def test_a_quoted_name_borne_by_an_eponymous_body_is_an_organization() -> None:
    text = 'Le festival "Filmer le travail", organisé par l\'association éponyme, connait sa 7e édition.'
    assert _orgs(text, "fr") == ["Filmer le travail"]
    assert _orgs("Il premio «Lavoro e Futuro» è promosso dalla Fondazione omonima.", "it") == [
        "Lavoro e Futuro"
    ]
    assert _orgs('Der Preis "Gute Arbeit" wird von der gleichnamigen Stiftung vergeben.', "de") == [
        "Gute Arbeit"
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Le festival "Filmer le travail" se tient à Poitiers.', "fr"),  # a quoted title, no body
        ('Le rapport "Emploi et questions sociales" a été publié par le BIT.', "fr"),
        ('Il film "Lavoro e Futuro" è stato presentato a Roma.', "it"),
    ],
)
def test_quoted_titles_that_name_no_body(text: str, lang: str) -> None:
    assert _orgs(text, lang) == []


def _represented(text: str, lang: str) -> bool:
    from ilo_kg.languages.facts import represented_in

    row = language(lang)
    assert row is not None
    return represented_in(text, row) is not None


def test_an_office_that_represents_the_ilo_in_a_country() -> None:
    assert _represented(
        "A OIT-Lisboa assegura a representação da OIT junto dos seus constituintes em Portugal.", "pt"
    )
    assert _represented("Le bureau représente l'OIT auprès des pays du Benelux.", "fr")
    assert _represented("Die Vertretung vertritt die ILO in Deutschland.", "de")
    assert _represented("L'Ufficio rappresenta l'OIL in Italia e a San Marino.", "it")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le bureau représentera l'OIT en Belgique.", "fr"),  # a future
        ("Le bureau ne représente pas l'OIT en Belgique.", "fr"),  # a denial
        ("O Governo propõe que o escritório representa a OIT em Angola.", "pt"),  # a proposal
        ("Die Vertretung soll die ILO in Österreich vertritt.", "de"),  # an obligation
        ("Le bureau travaille avec l'OIT en Belgique.", "fr"),  # no representation
    ],
)
def test_sentences_that_state_no_representation(text: str, lang: str) -> None:
    assert not _represented(text, lang)


def test_an_office_covers_the_country_it_represents_the_ilo_in() -> None:
    from rdflib import URIRef

    from ilo_kg.iris import ILO
    from ilo_kg.mapping.pages import map_page
    from ilo_kg.sources import extract_text

    text = (
        "Representação\n\nA OIT-Lisboa assegura a representação da OIT junto dos seus constituintes em Portugal "
        "e a sua presença nos principais eventos e debates nacionais sobre o mundo do trabalho.\n\n"
        "A OIT-Lisboa não representa a OIT em Angola, onde os parceiros trabalham com outros escritórios.\n"
    )
    ref = load_reference(ROOT / "data" / "reference")
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(ref, minter)
    page = extract_text(text, "pt_page.txt")
    graph = Graph()
    map_page(page, gz, minter, graph, sha256="0" * 64, file_name="sources/pt_page.txt")
    office = URIRef("https://w3id.org/ilo-kg/id/office/ilo-office-in-lisbon")
    assert [str(c).rsplit("/", 1)[-1] for c in graph.objects(office, ILO.covers)] == ["PRT"]


def test_an_acronym_with_member_countries_is_an_organization() -> None:
    assert _orgs("Os países da CPLP aspiravam a um reforço do papel da língua portuguesa.", "pt") == ["CPLP"]
    assert _orgs("Les pays membres de l'OCDE ont adopté la recommandation.", "fr") == ["OCDE"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les pays du G7 se sont réunis.", "fr"),  # a group of countries, no body
        ("Les pays du Benelux ont signé.", "fr"),  # a group by its name, not an acronym
        ("I paesi dell'OIL hanno votato.", "it"),  # the ILO itself
        ("A CPLP e a OIT assinaram um acordo.", "pt"),  # an acronym alone, no member countries
    ],
)
def test_acronyms_after_countries_that_are_no_new_organization(text: str, lang: str) -> None:
    assert _orgs(text, lang) == []


def _party_graph(text: str) -> Graph:
    from ilo_kg.mapping.pages import map_page
    from ilo_kg.sources import extract_text

    ref = load_reference(ROOT / "data" / "reference")
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(ref, minter)
    graph = Graph()
    text += (
        "\nO Escritório trabalha com os mandantes tripartidos portugueses: o Ministério do Trabalho e as "
        "organizações de empregadores e de trabalhadores, na promoção da Agenda do Trabalho Digno em todo o "
        "país e junto dos parceiros lusófonos.\n"
    )
    map_page(extract_text(text, "pt_page.txt"), gz, minter, graph, sha256="0" * 64, file_name="sources/p.txt")
    return graph


def test_a_state_party_to_an_agreement_is_its_government() -> None:
    from ilo_kg.iris import SKOS

    graph = _party_graph(
        "OIT Lisboa\n\nA 8 de julho de 2002 era assinado um Acordo entre a Organização Internacional do "
        "Trabalho e a República Portuguesa relativo à abertura de um Escritório da Organização em Lisboa, "
        "com o apoio dos parceiros sociais e das autoridades portuguesas.\n"
    )
    govs = list(graph.subjects(SKOS.altLabel, Literal("República Portuguesa", lang="pt")))
    assert [str(g) for g in govs] == ["https://w3id.org/ilo-kg/id/organization/government-of-portugal"]


@pytest.mark.parametrize(
    "text",
    [
        # a place, not a party
        "OIT Lisboa\n\nO Escritório da Organização abriu em Lisboa, na República Portuguesa, com o apoio dos "
        "parceiros sociais e das autoridades portuguesas e de muitos outros atores do mundo do trabalho.\n",
        # an agreement only proposed
        "OIT Lisboa\n\nO Governo propõe um Acordo entre a Organização Internacional do Trabalho e a República "
        "Portuguesa relativo à abertura de um Escritório da Organização em Lisboa, com o apoio dos parceiros.\n",
    ],
)
def test_a_state_named_outside_an_agreement_stated_as_done_is_no_party(text: str) -> None:
    from ilo_kg.iris import SKOS

    graph = _party_graph(text)
    assert [o for o in graph.objects(None, SKOS.altLabel) if str(o) == "República Portuguesa"] == []


def test_an_office_listed_by_its_city_covers_the_countries_of_its_role() -> None:
    from ilo_kg.languages.facts import office_entry

    text = "Bruxelles, (bureau de liaison pour les pays du Benelux et auprès de l'Union européenne ) ouvert en 1973."
    assert office_entry(text, FR) == ("Bruxelles", "les pays du Benelux et auprès de l'Union européenne")
    assert office_entry("Lisboa (escritório para Portugal e os países lusófonos)", PT) == (
        "Lisboa",
        "Portugal e os países lusófonos",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Madrid, ouvert en janvier 1986.",  # no role
        "Bruxelles, (bureau qui pourrait devenir un bureau de liaison pour le Benelux).",  # no role opens it
        "Bruxelles, (bureau de liaison pour les pays du Benelux qui sera ouvert).",  # a future
        "La ville de Bruxelles (bureau de liaison pour le Benelux) a été choisie.",  # no entry opening
    ],
)
def test_entries_that_state_no_office_role(text: str) -> None:
    from ilo_kg.languages.facts import office_entry

    assert office_entry(text, FR) is None


def test_a_french_list_of_offices_gives_the_brussels_office_its_benelux_countries() -> None:
    from rdflib import URIRef

    from ilo_kg.iris import ILO, SKOS
    from ilo_kg.mapping.pages import map_page
    from ilo_kg.sources import extract_text

    text = (
        "Bureau de l'OIT pour la France\n\nLe Bureau International du Travail est une administration largement "
        "décentralisée, avec des bureaux dans de nombreux pays du monde entier. Il est un élément du réseau des "
        "bureaux dans les pays industrialisés :\n\n"
        "  • Bruxelles, (bureau de liaison pour les pays du Benelux et auprès de l'Union européenne ) ouvert "
        "en octobre 1973.\n"
        "  • Madrid, (bureau de liaison pour l'Union européenne) ouvert en janvier 1986.\n"
    )
    ref = load_reference(ROOT / "data" / "reference")
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(ref, minter)
    graph = Graph()
    map_page(
        extract_text(text, "fr_about.txt"), gz, minter, graph, sha256="0" * 64, file_name="sources/f.txt"
    )
    brussels = URIRef("https://w3id.org/ilo-kg/id/office/ilo-office-in-brussels")
    assert sorted(str(c).rsplit("/", 1)[-1] for c in graph.objects(brussels, ILO.covers)) == [
        "BEL",
        "LUX",
        "NLD",
    ]
    assert Literal("Bruxelles", lang="fr") in set(graph.objects(brussels, SKOS.altLabel))
    madrid = URIRef("https://w3id.org/ilo-kg/id/office/ilo-office-in-madrid")
    assert list(graph.objects(madrid, ILO.covers)) == []  # a role with no country
