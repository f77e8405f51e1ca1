"""What the text mining needs to know of each language other than English: one row per language.

A language is data, read by the shared code of :mod:`ilo_kg.languages.facts`: its month names, its
number words, the heads of its job titles and of its organization names, the words that join a name's
parts, the verbs and markers that make a sentence a plan, a call, an invitation or a denial rather than
a statement of fact.  Adding a language is one more row of :data:`LANGUAGES`.  English is read by
:mod:`ilo_kg.textfacts`, which predates this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _months(text: str) -> dict[str, int]:
    """'janvier|janv février|févr ...' (12 groups, names of one month joined by '|') -> name -> number."""
    out: dict[str, int] = {}
    for number, group in enumerate(text.split(), start=1):
        for name in group.split("|"):
            out[name] = number
    return out


def _numbers(text: str) -> dict[str, int]:
    """'deux:2 trois:3' -> {'deux': 2, 'trois': 3}."""
    return {w: int(n) for w, _, n in (pair.partition(":") for pair in text.split())}


@dataclass(frozen=True, eq=False)  # one object per language: hashed by identity
class Language:
    """The words of one language that the shared sentence shapes are filled with (all lower case
    unless said otherwise; multi-word entries are matched with any whitespace)."""

    code: str  # ISO 639-1
    months: dict[str, int]
    numbers: dict[str, int]  # number words, "deux" -> 2 (never "un"/"one": it counts nothing)
    scales: dict[str, int]  # "millions" -> 1_000_000
    qualifiers: tuple[str, ...]  # "plus de", "environ": kept beside the figure
    # the words that head a job title ("directeur", "ministre"), each with its plural when a list of
    # holders is introduced by it ("Direttori ... sono stati A, B, C")
    titles: tuple[str, ...]
    plural_titles: dict[str, str]  # plural -> singular ("direttori" -> "direttore")
    # words that complete a title without ending like an adjective ("adjoint", "exécutif")
    title_modifiers: tuple[str, ...]
    list_copulas: tuple[str, ...]  # "sono stati", "ont été": "<Titles> <copula> A, B and C"
    honorifics: tuple[str, ...]  # "M.", "Mme" before a name (case as written)
    # words that join the parts of a title or an organization name ("du", "de la", "für")
    joiners: tuple[str, ...]
    and_word: str
    # words that join an organization's head to what completes its name ("Organisation für Migration",
    # not "Organisation von Interesse"; "Ministério do Trabalho", not "Organização em Lisboa")
    org_joiners: tuple[str, ...]
    # heads of organization names, case as written ("Conseil", "Bundesministerium")
    org_heads: tuple[str, ...]
    government_heads: tuple[str, ...]  # heads of a government body ("Ministère", "Governo")
    # a word alone that names a body when it ends with one of these (German compounds: "Bundesregierung")
    compound_org_endings: tuple[str, ...] = ()
    # plural nouns for a class of organizations: "partenaires sociaux (CGT, CFDT)" names each one
    org_classes: tuple[str, ...] = ()
    possessives: tuple[str, ...] = ()  # "son", "sua": "its own centre" is the speaker's own body
    # endings of the adjectives that may follow an organization's head ("Conseil économique", "Governo
    # italiano"); a lower-case word without one of them ends the name (it may be a verb)
    adjective_endings: tuple[str, ...] = ()
    # markers of a sentence that does not state a done fact (modality, calls, invitations, denials)
    not_asserted: tuple[str, ...] = ()
    future_endings: tuple[str, ...] = ()  # verb endings of the future tense ("présentera")
    not_future: tuple[str, ...] = ()  # words with those endings that are not verbs in the future
    time_units: tuple[str, ...] = ()  # "ans", "jours": a span of time is not a figure
    ordinal_suffixes: tuple[str, ...] = ()  # "e", "er", "ème": "7e édition" is no figure
    time_prepositions: tuple[str, ...] = ()  # "en", "depuis": "en 1920" is a year
    stop_words: frozenset[str] = field(default_factory=frozenset)  # never part of a person's name
    demonstratives: tuple[str, ...] = ()  # "ces", "desses": "these four axes" refers back, states nothing new
    articles: tuple[str, ...] = ()  # "le", "der": "der Generaldirektor der ILO, Name" (title, comma, name)
    # event kind -> the verb phrases that report it as done (past tenses; a noun alone reports nothing:
    # "le Sommet" may be still to come)
    events: dict[str, str] = field(default_factory=dict)
    # events running text dates (a page's history, outside news items): kind -> the words that state one
    # as done, in a past tense or the historical present of a narration ("ouvert en mai 1920", "apre nel
    # 1920", "era assinado"); each is dated by the month or year phrase nearest it in its sentence
    dated_events: dict[str, str] = field(default_factory=dict)
    # "um Acordo entre a OIT e a República Portuguesa": the words that open an agreement's parties, and the
    # heads of a state's formal name ("République", "Bundesrepublik"): a state as a party is its government
    agreement_between: str = ""
    state_heads: tuple[str, ...] = ()
    # "os países da CPLP", "les pays de l'OCDE": an acronym whose member countries the text speaks of is an
    # organization of countries
    member_countries: str = ""
    # "<office> assegura a representação da OIT ... em Portugal": the office covers the countries named after
    represents: str = ""
    # a list of the ILO's offices by city: "Bruxelles, (bureau de liaison pour les pays du Benelux ...)";
    # ``office_for`` opens what the office is for, ``office_in_city`` is how the language names the office
    # in a city ("Bureau de l'OIT à {}"), as data/reference/localized_names.csv lists it
    office_for: str = ""
    office_in_city: str = ""
    # "le festival "X", organisé par l'association éponyme": the body that bears the quoted name
    eponyms: tuple[str, ...] = ()
    span_verbs: str = ""  # "a fonctionné de mars 1921 à février 1933": the range's start and end
    range_words: tuple[str, str] = ("", "")  # "de" ... "à": the words of a range of two dates
    year_prepositions: tuple[str, ...] = ()  # "en 1920", "nel 1920": a year that dates what it follows


FR = Language(
    code="fr",
    months=_months(
        "janvier|janv février|fevrier|févr mars avril|avr mai juin juillet|juil août|aout septembre|sept "
        "octobre|oct novembre|nov décembre|decembre|déc"
    ),
    numbers=_numbers(
        "deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 onze:11 douze:12 treize:13 "
        "quatorze:14 quinze:15 seize:16 vingt:20 trente:30 quarante:40 cinquante:50 soixante:60 cent:100"
    ),
    scales={
        "mille": 1_000,
        "million": 1_000_000,
        "millions": 1_000_000,
        "milliard": 10**9,
        "milliards": 10**9,
    },
    qualifiers=("plus de", "près de", "environ", "quelque", "au moins", "moins de", "presque", "jusqu'à"),
    titles=_words(
        "directeur directrice président présidente ministre secrétaire membre député députée juriste "
        "ambassadeur ambassadrice conseiller conseillère chef responsable coordinateur coordinatrice "
        "représentant représentante délégué déléguée professeur professeure économiste chercheur chercheuse "
        "sénateur sénatrice maire commissaire porte-parole"
    ),
    plural_titles={"directeurs": "directeur", "directrices": "directrice", "présidents": "président"},
    title_modifiers=_words("adjoint adjointe général générale exécutif exécutive délégué déléguée honoraire"),
    list_copulas=("ont été", "furent", "sont"),
    honorifics=("M.", "Mme", "Mlle", "Me", "Dr", "Pr"),
    joiners=_words("du de des la le l' d' pour et en à aux au"),
    and_word="et",
    org_joiners=_words("du de des la le l' d' pour et"),
    org_heads=_words(
        "Conseil Confédération Fédération Union Association Organisation Ministère Agence Chambre Comité "
        "Commission Institut Fondation Fonds Banque Syndicat Mouvement Centre Observatoire Office Caisse "
        "Direction Haut-Commissariat Secrétariat Assemblée Sénat Université École"
    ),
    government_heads=_words("Ministère Gouvernement Direction Secrétariat"),
    org_classes=_words("partenaires syndicats organisations confédérations fédérations"),
    adjective_endings=_words(
        "ique iques al ale aux el elle ien ienne ais aise éen éenne ain aine if ive aire iste ial iale "
        "ier ière"
    ),
    possessives=_words("son sa ses leur leurs notre nos"),
    demonstratives=_words("ces ce cet cette"),
    articles=_words("le la l' les"),
    events={
        "Statement": r"a\s+(?:souligné|déclaré|insisté|affirmé|rappelé|indiqué|salué|dénoncé|estimé)",
        "Meeting": r"a\s+eu\s+lieu|s'est\s+tenue?|se\s+sont\s+réunis|s'est\s+réunie?"
        r"|était\s+à\s+[A-ZÀ-Þ][\w-]*",  # "était à Paris": a visit
        "Publication": r"a\s+publié|a\s+été\s+publiée?|vient\s+de\s+paraître",
        "Launch": r"a\s+lancé|a\s+été\s+lancée?|a\s+inauguré|a\s+été\s+inaugurée?",
        "Agreement": r"(?:a|ont)\s+signé|a\s+été\s+signée?",
    },
    dated_events={
        "Launch": r"(?:a\s+été\s+|être\s+|fut\s+|a\s+)?(?:ouverte?s?|créée?s?|fondée?s?|inaugurée?s?)",
        "Closure": r"(?:a\s+été\s+|fut\s+|a\s+)?fermée?s?",
        "Establishment": r"s'est(?:\s+à\s+nouveau)?\s+installée?s?|installation\s+à\s+[A-ZÀ-Þ][\w-]*",
        "Agreement": r"(?:a|ont)\s+signé|(?:a\s+été|fut)\s+signée?s?|accords?\s+entre",
        "Accession": r"(?:a|est)\s+(?:devenue?\s+membre|adhéré)",
    },
    span_verbs=r"a\s+fonctionné|a\s+existé",
    eponyms=_words("éponyme éponymes"),
    office_for=r"bureau\s+(?:de\s+liaison\s+)?pour",
    office_in_city="Bureau de l'OIT à {}",
    agreement_between=r"(?:accord|convention|mémorandum)\s+(?:[\w'-]+\s+){0,3}?entre",
    state_heads=_words("République Royaume État"),
    member_countries=r"(?:les\s+)?(?:pays|États)\s+(?:membres\s+)?(?:de\s+l'|de\s+la\s+|du\s+|des\s+)",
    represents=r"représente\s+(?:l'OIT|le\s+BIT)|assure\s+la\s+représentation\s+(?:de\s+l'OIT|du\s+BIT)",
    range_words=("de", "à"),
    year_prepositions=_words("en"),
    not_asserted=(
        "appelle",
        "appellent",
        "appel à",
        "invite",
        "invité",
        "invitée",
        "invités",
        "propose",
        "proposé",
        "projet de",
        "prévoit",
        "prévu",
        "envisage",
        "souhaite",
        "espère",
        "doit",
        "doivent",
        "devrait",
        "devraient",
        "pourrait",
        "pourraient",
        "peut",
        "peuvent",
        "ne ",
        "n'",
        "pas",
        "jamais",
        "sans",
        "si ",
        "afin de",
        "va ",
        "vont ",
        "demande",
        "exhorte",
        "encourage",
        "recommande",
    ),
    future_endings=("era", "eront", "ira", "iront", "ra", "ront", "rons", "rez"),
    not_future=_words("contra extra ultra cinéma opéra caméra séra"),
    time_units=_words(
        "an ans année années jour jours mois semaine semaines heure heures siècle siècles fois"
    ),
    ordinal_suffixes=("e", "er", "ère", "ème", "eme", "h"),
    time_prepositions=_words("en depuis dès jusqu'en vers fin début avant après de"),
    stop_words=frozenset(
        _words(
            "le la les du de des et en au aux pour par sur dans avec monsieur madame bureau conseil union "
            "organisation ministère gouvernement république nations france paris genève lundi mardi mercredi "
            "jeudi vendredi samedi dimanche journée festival rapport programme site lire consulter"
        )
    ),
)

IT = Language(
    code="it",
    months=_months(
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"
    ),
    numbers=_numbers(
        "due:2 tre:3 quattro:4 cinque:5 sei:6 sette:7 otto:8 nove:9 dieci:10 undici:11 dodici:12 "
        "quindici:15 venti:20 trenta:30 quaranta:40 cinquanta:50 cento:100"
    ),
    scales={"mila": 1_000, "milione": 1_000_000, "milioni": 1_000_000, "miliardo": 10**9, "miliardi": 10**9},
    qualifiers=("più di", "oltre", "circa", "quasi", "almeno", "meno di", "fino a"),
    titles=_words(
        "direttore direttrice presidente ministro ministra segretario segretaria membro deputato deputata "
        "ambasciatore consigliere capo responsabile coordinatore coordinatrice rappresentante delegato "
        "professore professoressa economista ricercatore ricercatrice senatore sindaco commissario portavoce"
    ),
    plural_titles={"direttori": "direttore", "presidenti": "presidente", "segretari": "segretario"},
    title_modifiers=_words("generale aggiunto aggiunta esecutivo esecutiva delegato delegata onorario"),
    list_copulas=("sono stati", "sono state", "furono", "sono"),
    honorifics=("Sig.", "Sig.ra", "Dott.", "Dott.ssa", "Prof.", "On."),
    joiners=_words("del della dello dei degli delle dell' di d' per e in a al alla"),
    and_word="e",
    org_joiners=_words("del della dello dei degli delle dell' di d' per e"),
    org_heads=_words(
        "Consiglio Confederazione Federazione Unione Associazione Organizzazione Ministero Agenzia Camera "
        "Comitato Commissione Istituto Fondazione Fondo Banca Sindacato Centro Comune Regione Provincia "
        "Governo Società Segretariato Università Autorità Ente"
    ),
    government_heads=_words("Ministero Governo Comune Regione Provincia"),
    org_classes=_words("partner sindacati organizzazioni confederazioni"),
    adjective_endings=_words(
        "ico ica ici iche ale ali ano ana ani ane ivo iva ivi ive ito ita ato ata ati ate ese esi ario aria"
    ),
    possessives=_words("suo sua suoi sue loro nostro nostra"),
    demonstratives=_words("questi queste questo questa quei quelle"),
    articles=_words("il lo la l' i gli le"),
    events={
        "Statement": r"ha\s+(?:dichiarato|sottolineato|affermato|ricordato|evidenziato)",
        "Meeting": r"si\s+è\s+tenut[oa]|ha\s+avuto\s+luogo|si\s+sono\s+riuniti|ha\s+incontrato",
        "Publication": r"ha\s+pubblicato|è\s+stat[oa]\s+pubblicat[oa]",
        "Launch": r"ha\s+lanciato|è\s+stat[oa]\s+lanciat[oa]|ha\s+inaugurato|è\s+stat[oa]\s+inaugurat[oa]",
        "Agreement": r"(?:ha|hanno)\s+firmato|è\s+stat[oa]\s+firmat[oa]",
    },
    dated_events={
        "Launch": r"apre|ha\s+aperto|(?:è|fu)\s+stat[oa]\s+apert[oa]|comincia\s+la\s+sua\s+attività"
        r"|ha\s+iniziato|istituisce|ha\s+istituito|(?:è|fu)\s+stat[oa]\s+istituit[oa]|(?<!si\s)fonda|ha\s+fondato",
        "Closure": r"chiude|ha\s+chiuso|(?:è|fu)\s+stat[oa]\s+chius[oa]",
        "Agreement": r"(?:ha|hanno)\s+firmato|(?:è|fu)\s+stat[oa]\s+firmat[oa]|accordi?\s+tra",
        "Accession": r"entra\s+a\s+far\s+parte|è\s+entrat[oa]\s+a\s+far\s+parte|aderisce|ha\s+aderito",
    },
    span_verbs=r"ha\s+funzionato|è\s+stat[oa]\s+attiv[oa]",
    eponyms=_words("omonima omonimo omonime omonimi"),
    office_for=r"ufficio\s+(?:di\s+collegamento\s+)?per",
    office_in_city="Ufficio OIL di {}",
    agreement_between=r"(?:accordo|accordi|convenzione|memorandum)\s+(?:[\w'-]+\s+){0,3}?tra",
    state_heads=_words("Repubblica Regno Stato"),
    member_countries=r"(?:i\s+)?(?:paesi|Stati)\s+(?:membri\s+)?(?:dell'|della\s+|del\s+|dei\s+)",
    represents=r"rappresenta\s+l'(?:OIL|ILO)|assicura\s+la\s+rappresentanza\s+dell'(?:OIL|ILO)",
    range_words=("dal", "al"),
    year_prepositions=_words("nel"),
    not_asserted=(
        "chiede",
        "invita",
        "invitato",
        "propone",
        "proposta",
        "prevede",
        "previsto",
        "intende",
        "spera",
        "deve",
        "devono",
        "dovrebbe",
        "potrebbe",
        "può",
        "possono",
        "non ",
        "mai",
        "senza",
        "se ",
        "al fine di",
        "incoraggia",
        "raccomanda",
    ),
    future_endings=("rà", "ranno", "remo", "rete"),
    time_units=_words(
        "anno anni giorno giorni mese mesi settimana settimane ora ore secolo secoli volta volte"
    ),
    ordinal_suffixes=("°", "ª", "º"),
    time_prepositions=_words("nel nell' dal dall' al all' fino entro dopo prima del"),
    stop_words=frozenset(
        _words(
            "il lo la i gli le di del della dei degli delle e in per con su da ufficio consiglio governo "
            "organizzazione ministero repubblica villa italia roma torino ginevra lunedì martedì mercoledì "
            "giovedì venerdì sabato domenica"
        )
    ),
)

DE = Language(
    code="de",
    months=_months(
        "januar|jänner februar märz|maerz april mai juni juli august september oktober november dezember"
    ),
    numbers=_numbers(
        "zwei:2 drei:3 vier:4 fünf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11 zwölf:12 fünfzehn:15 "
        "zwanzig:20 dreißig:30 vierzig:40 fünfzig:50 hundert:100"
    ),
    scales={
        "tausend": 1_000,
        "million": 1_000_000,
        "millionen": 1_000_000,
        "milliarde": 10**9,
        "milliarden": 10**9,
    },
    qualifiers=("mehr als", "über", "rund", "etwa", "circa", "fast", "mindestens", "weniger als", "bis zu"),
    titles=_words(
        "generaldirektor generaldirektorin direktor direktorin präsident präsidentin minister ministerin "
        "bundesminister bundesministerin staatssekretär staatssekretärin sekretär mitglied abgeordneter "
        "abgeordnete botschafter botschafterin berater beraterin leiter leiterin koordinator koordinatorin "
        "vertreter vertreterin professor professorin ökonom ökonomin vorsitzender vorsitzende sprecher "
        "sprecherin"
    ),
    plural_titles={"direktoren": "direktor", "leiter": "leiter", "präsidenten": "präsident"},
    title_modifiers=_words("a.d."),
    list_copulas=("waren", "sind"),
    honorifics=("Herr", "Frau", "Dr.", "Prof."),
    joiners=_words("der des dem den die für und von vom zur zum in im"),
    and_word="und",
    org_joiners=_words("für der des und zur zum"),
    org_heads=_words(
        "Bundesministerium Ministerium Bundesagentur Agentur Bundesamt Amt Rat Kammer Gewerkschaft Verband "
        "Bund Konföderation Föderation Union Vereinigung Organisation Stiftung Institut Zentrum Kommission "
        "Ausschuss Bank Fonds Sekretariat Parlament Universität Hochschule"
    ),
    government_heads=_words(
        "Bundesministerium Ministerium Bundesagentur Bundesamt Bundesregierung Regierung"
    ),
    compound_org_endings=("regierung", "ministerium", "agentur", "kanzleramt"),
    org_classes=_words("sozialpartnern sozialpartner gewerkschaften verbänden organisationen"),
    possessives=_words("sein seine seinem seinen seiner ihr ihre ihrem ihren ihrer unser unsere"),
    demonstratives=_words("diese dieser diesen dieses"),
    articles=_words("der die das den dem des"),
    events={
        "Statement": r"erklärte?|betonte?|sagte|unterstrich",
        "Meeting": r"fand\s+(?:[\w-]+\s+){0,6}statt|trafen\s+sich|traf\s+sich",
        "Publication": r"(?:hat|haben)\s+(?:[\w-]+\s+){0,12}(?:veröffentlicht|herausgegeben|erstellt)",
        "Launch": r"(?:hat|haben)\s+(?:[\w-]+\s+){0,8}(?:gestartet|eröffnet|ins\s+Leben\s+gerufen)",
        "Agreement": r"unterzeichnete|unterzeichneten|(?:wurde|wurden)\s+(?:[\w-]+\s+){0,6}unterzeichnet",
    },
    dated_events={
        "Launch": r"(?:wurde|wurden)\s+(?:[\w-]+\s+){0,6}(?:eröffnet|gegründet)|eröffnete|gründete",
        # "schloss" in lower case only: never the noun "Schloss" (a castle)
        "Closure": r"(?:wurde|wurden)\s+(?:[\w-]+\s+){0,6}geschlossen|(?-i:schloss)",
        "Agreement": r"unterzeichnete|unterzeichneten|(?:wurde|wurden)\s+(?:[\w-]+\s+){0,6}unterzeichnet",
        "Accession": r"trat\s+(?:[\w-]+\s+){0,6}bei",
    },
    span_verbs=r"bestand|arbeitete",
    eponyms=_words("gleichnamige gleichnamigen gleichnamiger gleichnamigem"),
    office_for=r"(?:Verbindungsbüro|Büro|Vertretung)\s+für",
    office_in_city="ILO-Vertretung in {}",
    agreement_between=r"(?:Abkommen|Vereinbarung|Übereinkommen)\s+(?:[\w'-]+\s+){0,3}?zwischen",
    state_heads=_words("Bundesrepublik Republik Königreich"),
    member_countries=r"(?:die\s+)?(?:Länder|Mitgliedstaaten|Staaten)\s+der\s+",
    represents=r"vertritt\s+die\s+(?:ILO|IAO|Internationale\s+Arbeitsorganisation)",
    range_words=("von", "bis"),
    year_prepositions=("im Jahr", "im Jahre", "im"),
    not_asserted=(
        "aufruf",
        "fordert",
        "fordern",
        "ruft",
        "einladung",
        "eingeladen",
        "lädt",
        "schlägt",
        "vorschlag",
        "plant",
        "geplant",
        "soll",
        "sollen",
        "sollte",
        "müssen",
        "muss",
        "kann",
        "können",
        "könnte",
        "dürfen",
        "wird",
        "werden",
        "würde",
        "nicht",
        "kein",
        "keine",
        "nie",
        "ohne",
        "wenn",
        "falls",
        "ob",
        "damit",
        "um zu",
    ),
    time_units=_words(
        "jahr jahre jahren tag tage tagen monat monate monaten woche wochen stunde stunden mal"
    ),
    ordinal_suffixes=(".",),
    time_prepositions=_words("im seit bis ab vor nach von agenda"),
    stop_words=frozenset(
        _words(
            "der die das des dem den und für von zu mit im am vertretung organisation regierung "
            "bundesregierung "
            "deutschland berlin genf montag dienstag mittwoch donnerstag freitag samstag sonntag"
        )
    ),
)

PT = Language(
    code="pt",
    months=_months(
        "janeiro fevereiro março|marco abril maio junho julho agosto setembro outubro novembro dezembro"
    ),
    numbers=_numbers(
        "dois:2 duas:2 três:3 quatro:4 cinco:5 seis:6 sete:7 oito:8 nove:9 dez:10 onze:11 doze:12 "
        "quinze:15 vinte:20 trinta:30 quarenta:40 cinquenta:50 cem:100"
    ),
    scales={"mil": 1_000, "milhão": 1_000_000, "milhões": 1_000_000, "milhar": 1_000, "mil milhões": 10**9},
    qualifiers=("mais de", "cerca de", "quase", "pelo menos", "menos de", "até"),
    titles=_words(
        "diretor diretora presidente ministro ministra secretário secretária membro deputado deputada "
        "embaixador embaixadora conselheiro chefe responsável coordenador coordenadora representante "
        "delegado professor professora economista investigador investigadora"
    ),
    plural_titles={"diretores": "diretor", "presidentes": "presidente"},
    title_modifiers=_words("geral adjunto adjunta executivo executiva delegado delegada honorário"),
    list_copulas=("foram", "são"),
    honorifics=("Sr.", "Sra.", "Dr.", "Dra.", "Prof."),
    joiners=_words("do da dos das de e em para a ao à"),
    and_word="e",
    org_joiners=_words("do da dos das de para e"),
    org_heads=_words(
        "Conselho Confederação Federação União Associação Organização Ministério Agência Câmara Comité "
        "Comissão Instituto Fundação Fundo Banco Sindicato Centro Secretariado Assembleia Universidade "
        "Governo República"
    ),
    government_heads=_words("Ministério Governo República Secretaria"),
    org_classes=_words("parceiros sindicatos organizações confederações"),
    adjective_endings=_words("ico ica icos icas al ais ano ana anos anas ivo iva ês esa ário ária"),
    possessives=_words("seu sua seus suas nosso nossa"),
    demonstratives=_words("estes estas esses essas desses dessas destes destas aqueles"),
    articles=_words("o a os as"),
    events={
        "Statement": r"afirmou|declarou|sublinhou|salientou|destacou",
        "Meeting": r"(?:teve|tiveram)\s+lugar|realizou-se|realizaram-se|reuniu-se|reuniram-se",
        "Publication": r"publicou|(?:foi|foram)\s+publicad[oa]s?",
        "Launch": r"lançou|(?:foi|foram)\s+lançad[oa]s?|inaugurou|(?:foi|foram)\s+inaugurad[oa]s?",
        "Agreement": r"assinou|assinaram|(?:foi|foram|era)\s+assinad[oa]s?",
    },
    dated_events={
        "Launch": r"abriu|(?:foi|foram)\s+(?:abert|criad|fundad)[oa]s?",
        "Closure": r"fechou|(?:foi|foram)\s+fechad[oa]s?|encerrou",
        "Establishment": r"instalação\s+em\s+[A-ZÀ-Þ][\w-]*",
        "Agreement": r"assinou|assinaram|(?:foi|foram|era)\s+assinad[oa]s?",
        "Accession": r"aderiu|tornou-se\s+membro",
    },
    span_verbs=r"funcionou",
    eponyms=_words("homónima homônima homónimo homônimo"),
    office_for=r"escritório\s+(?:de\s+ligação\s+)?para",
    office_in_city="Escritório da OIT em {}",
    agreement_between=r"(?:acordo|convénio|convênio|memorando)\s+(?:[\w'-]+\s+){0,3}?entre",
    state_heads=_words("República Reino Estado"),
    member_countries=r"(?:os\s+)?(?:países|Estados)\s+(?:membros\s+)?(?:da|do|dos|das)\s+",
    represents=r"representa\s+a\s+OIT|assegura\s+a\s+representação\s+da\s+OIT",
    range_words=("de", "a"),
    year_prepositions=_words("em"),
    not_asserted=(
        "apela",
        "convida",
        "convidado",
        "propõe",
        "proposta",
        "prevê",
        "previsto",
        "pretende",
        "espera",
        "deve",
        "devem",
        "deveria",
        "poderá",
        "poderia",
        "pode",
        "podem",
        "não ",
        "nunca",
        "sem ",
        "se ",
        "a fim de",
        "vai ",
        "vão ",
        "recomenda",
        "aspiravam",
    ),
    future_endings=("rá", "rão", "remos"),
    time_units=_words("ano anos dia dias mês meses semana semanas hora horas século séculos vez vezes"),
    ordinal_suffixes=("º", "ª", "°"),
    time_prepositions=_words("em desde até de após antes"),
    stop_words=frozenset(
        _words(
            "o a os as do da dos das de e em para com por escritório organização ministério governo "
            "república portugal lisboa genebra"
        )
    ),
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (FR, IT, DE, PT)}


def language(code: str) -> Language | None:
    """The row of a language (ISO 639-1), or None when its text is not mined beyond items and dates."""
    return LANGUAGES.get(code)
