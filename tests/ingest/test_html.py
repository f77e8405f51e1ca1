"""HTML pages -> the text layout of data/sources, read by the same extractors."""

from __future__ import annotations

from datetime import date

import pytest
from tests.ingest.conftest import page

from ilo_kg.records import PageKind
from ilo_kg.sources import extract_text
from ilo_kg.sources.html import HtmlError, decode, html_to_text


def text_of(name: str) -> str:
    markup, _ = decode(page(name))
    return html_to_text(markup, name)


def test_news_page_keeps_items_and_drops_the_site_around_them() -> None:
    text = text_of("whats_new_2015.html")
    assert text.splitlines()[0] == (
        "ILO Decent Work Technical Support Team and Country Office for Central and Eastern Europe"
    )
    assert text.count("ILO Decent Work Technical Support Team") == 1  # the <h1> is the title, once
    for boilerplate in (
        "cookies",  # cookie banner
        "Skip to",  # skip link
        "Calendar of Events",  # site header
        "Countries covered",  # navigation
        "ILO home",  # breadcrumb
        "Red Card",  # promo box
        "Get involved",
        "Mozsár",  # sidebar
        "Privacy",  # site footer
        "Read more",
        "Tweet",  # share bar
        "dataLayer",  # script
        "float",  # style
    ):
        assert boilerplate not in text, boilerplate
    assert "\n  1. © ILO 2015\n\n    Labour migration\n\n    New ILO study" in text
    assert "\n    11 February 2015\n" in text  # <time datetime> when its text is not a date
    p = extract_text(text, "whats_new.txt")
    assert p.kind is PageKind.NEWS_LISTING and not p.warnings
    assert [(n.headline[:30], n.published, n.category, n.credit) for n in p.news] == [
        ("New ILO study on the reintegra", date(2015, 2, 20), "Labour migration", "ILO 2015"),
        ("Economic and social councils o", date(2015, 2, 11), "Social dialogue", None),
        ("Serbia ratifies the Maritime L", date(2015, 2, 5), None, None),
    ]
    assert p.news[0].summary.startswith("Young return migrants")
    assert "transfer of know-how" in p.paragraphs[0].text  # whitespace of the source collapsed


def test_project_listing_with_date_ranges() -> None:
    text = text_of("projects_budapest.html")
    assert text.startswith("Overview of current projects\n\nThe ILO runs")
    assert "Closed projects" not in text and "Copyright" not in text and "jquery" not in text
    p = extract_text(text, "projects.txt")
    assert p.kind is PageKind.PROJECT_LISTING and not p.warnings
    assert [(x.title, x.start, x.end) for x in p.projects] == [
        ("Decent work for young people in Serbia", date(2022, 4, 1), date(2025, 3, 31)),
        ("Safer workplaces in North Macedonia", date(2021, 1, 15), date(2024, 1, 14)),  # &nbsp;&ndash;
        ("Skills for the green transition in Montenegro", date(2023, 9, 1), date(2026, 8, 31)),
    ]


def test_about_page_keeps_headings_and_bullets() -> None:
    text = text_of("about_office.html")
    assert "\n  • Under the responsibility of the ILO DWT/CO in Moscow" in text
    assert "\n\nNational coordinators\n\n" in text
    assert "cookies" not in text and "Print" not in text and "Share" not in text
    p = extract_text(text, "about.txt")
    assert p.kind is PageKind.ABOUT_PAGE
    assert [(c.city, len(c.countries)) for c in p.coverage if c.countries] == [
        ("Moscow", 10),
        ("Budapest", 17),
    ]
    assert p.coordinators[0].countries == ("Albania", "Armenia", "Serbia", "Ukraine")


def test_month_headings_group_numbered_lists() -> None:
    text = text_of("press_releases_2017.html")
    assert "\n\nOctober 2017\n\n  1. Serbian agency" in text
    assert "\n\nSeptember 2017\n\n  1. Judges" in text and "\n  2. New Director" in text
    assert "Next" not in text  # pagination
    p = extract_text(text, "press.txt")
    assert p.kind is PageKind.NEWS_LISTING and not p.warnings
    assert [(n.group, n.number, n.published) for n in p.news] == [
        ("October 2017", 1, date(2017, 10, 4)),
        ("September 2017", 1, date(2017, 9, 26)),
        ("September 2017", 2, date(2017, 9, 20)),
    ]


def test_lists_of_single_lines_are_bullets_and_br_breaks_lines() -> None:
    html = (
        "<html><head><title>Areas of work | ILO</title></head><body>"
        "<p>We work on:</p><ol><li>standards</li><li>employment</li></ol>"
        "<p>Address:<br>Mozsár utca 14<br>Budapest</p>"
        "<p hidden>hidden text</p><div style='display: none'>invisible</div><div aria-hidden='true'>x</div>"
        "</body></html>"
    )
    text = html_to_text(html)
    assert text == (
        "Areas of work\n\nWe work on:\n\n  • standards\n\n  • employment\n\nAddress:\nMozsár utca 14\nBudapest\n"
    )


def test_a_page_with_no_text_left_is_refused() -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><script>x()</script><footer>© ILO</footer></body></html>"
    )
    with pytest.raises(HtmlError, match=r"p\.html: no text left after dropping navigation"):
        html_to_text(html, "p.html")


def test_decoding_by_meta_charset() -> None:
    markup, charset = decode(page("cp1252.html"))
    assert charset == "cp1252"
    text = html_to_text(markup)
    assert "Nouvelles du BIT – Paris" in text and "coopération" in text and "“social”" in text


def test_header_charset_wins_over_meta() -> None:
    data = '<meta charset="utf-8"><p>Café</p>'.encode("cp1252")
    assert decode(data, "windows-1252") == ('<meta charset="utf-8"><p>Café</p>', "cp1252")
    assert decode(data, "ISO-8859-1")[1] == "cp1252"  # as browsers read it (WHATWG Encoding)


def test_byte_order_marks() -> None:
    assert decode(b"\xef\xbb\xbf<p>x</p>", "iso-8859-1") == ("<p>x</p>", "utf-8")
    assert decode("\ufeff<p>é</p>".encode("utf-16-le"))[0] == "<p>é</p>"


def test_invalid_utf8_names_the_byte() -> None:
    with pytest.raises(HtmlError, match=r"not valid UTF-8 \(no charset declared\): byte 0xe9 at offset 6"):
        decode(b"<p>Caf\xe9</p>")
    with pytest.raises(HtmlError, match=r"not valid UTF-8 \(charset utf-8\): byte 0xff"):
        decode(b"<p>\xff</p>", "utf-8")


def test_unknown_charset() -> None:
    with pytest.raises(HtmlError, match="unknown charset 'klingon'"):
        decode(b"<p>x</p>", "klingon")


def test_plain_text_is_not_searched_for_a_meta_charset() -> None:
    assert decode(b'<meta charset="cp1251"> \xc3\xa9', html=False) == ('<meta charset="cp1251"> é', "utf-8")


def test_the_title_is_not_the_sites_logo_heading() -> None:
    html = (
        "<html><body><header><h1>International Labour Organization</h1></header>"
        "<div class='page'><h1>Employment in Moldova</h1><p>Text.</p></div></body></html>"
    )
    assert html_to_text(html) == "Employment in Moldova\n\nText.\n"


def test_tables_of_data_are_rows_and_layout_tables_are_read_through() -> None:
    data = "<table><tr><th>Country</th><th>Since</th></tr><tr><td>Albania</td><td>1920</td></tr></table>"
    assert html_to_text(f"<h1>Members</h1>{data}") == "Members\n\nCountry | Since\n\nAlbania | 1920\n"
    layout = (
        "<table><tr><td class='menu'><a href='/'>Home</a></td><td>"
        "<h1>News</h1><ul><li><h3>A headline</h3><p>03 August 2021</p></li></ul>"
        "</td></tr></table>"
    )
    assert html_to_text(layout) == "News\n\n  1. A headline\n\n    03 August 2021\n"


def test_deep_nesting_is_read_up_to_a_limit_and_refused_past_it() -> None:
    assert html_to_text("<h1>T</h1>" + "<div>" * 190 + "<p>Deep.</p>" + "</div>" * 190) == "T\n\nDeep.\n"
    nested_lists = "<h1>T</h1>" + "<ul><li>x" * 99 + "<p>Deep.</p>" + "</li></ul>" * 99
    assert html_to_text(nested_lists).endswith("Deep.\n")
    with pytest.raises(HtmlError, match="nested more than 200 levels deep"):
        html_to_text("<h1>T</h1>" + "<div>" * 20_000 + "<p>Deep.</p>")


def test_office_page_with_teasers_laid_out_as_articles() -> None:
    text = text_of("moscow_home_2023.html")
    assert "\n\nNews\n\n  1. Social partners of Uzbekistan" in text
    assert "\n  2. © ILO 2023\n\n    Nearly 3 million people" in text
    assert (
        "More news" not in text and "Follow us" not in text and "Русский" not in text and "Terms" not in text
    )
    p = extract_text(text, "moscow.txt")
    assert p.kind is PageKind.OFFICE_PAGE
    assert [(n.number, n.published) for n in p.news] == [
        (1, date(2023, 11, 30)),
        (2, date(2023, 11, 26)),
        (3, date(2023, 11, 15)),
    ]
    assert p.identity[0].since_year == 1959 and p.coverage[0].city == "Moscow"


def test_runs_of_like_divs_without_dates_stay_paragraphs() -> None:
    html = (
        "<h1>About</h1><div class='col'><h2>Mandate</h2><p>We promote decent work.</p></div>"
        "<div class='col'><h2>Team</h2><p>Specialists of many fields.</p></div>"
    )
    assert html_to_text(html) == (
        "About\n\nMandate\n\nWe promote decent work.\n\nTeam\n\nSpecialists of many fields.\n"
    )
    dated = html.replace("decent work.</p>", "decent work.</p><p>1 May 2020</p>").replace(
        "fields.</p>", "fields.</p><p>2 May 2020</p>"
    )
    assert "\n  1. Mandate\n\n    We promote decent work.\n\n    1 May 2020\n" in html_to_text(dated)


def test_a_wrapper_named_like_boilerplate_is_not_dropped_with_the_page() -> None:
    body = "".join(f"<p>Paragraph {i} of the page's own text.</p>" for i in range(5))
    html = (
        f"<div class='layout one-sidebar'><h1>Title</h1>{body}"
        "<div class='sidebar'><p>Contact us at the office.</p></div></div>"
    )
    text = html_to_text(html)
    assert text.startswith("Title\n\nParagraph 0") and "Paragraph 4" in text and "Contact" not in text


def test_an_empty_main_element_falls_back_to_the_body() -> None:
    html = (
        "<body><div id='content'></div><div class='page'><h1>News</h1><p>Text of the page.</p></div></body>"
    )
    assert html_to_text(html) == "News\n\nText of the page.\n"
