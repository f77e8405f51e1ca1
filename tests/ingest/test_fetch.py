"""Fetching pages from a real HTTP server on 127.0.0.1: robots.txt, redirects, limits, errors."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import page
from tests.ingest.page_server import PageServer, Route

from ilo_kg.sources.fetch import USER_AGENT, FetchError, FetchLimits, fetch, is_url

FAST = FetchLimits(timeout_s=2.0, max_bytes=200_000)


def fails(server_url: str, *words: str, limits: FetchLimits = FAST) -> str:
    with pytest.raises(FetchError) as info:
        fetch(server_url, limits)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


def test_a_page_is_fetched_with_the_projects_user_agent(server: PageServer) -> None:
    server.routes["/news.html"] = Route(body=page("whats_new_2015.html"))
    got = fetch(server.url("/news.html"), FAST)
    assert got.body == page("whats_new_2015.html")
    assert got.is_html and got.media_type == "text/html" and got.charset == "utf-8"
    assert got.final_url == got.url == server.url("/news.html")
    assert got.retrieved.tzinfo is not None
    assert USER_AGENT.startswith("ilo-kg/") and "(+https://" in USER_AGENT
    # robots.txt first (missing here: a 404 allows everything), then the page, both as ilo-kg
    assert [p for p, _ in server.requests] == ["/robots.txt", "/news.html"]
    assert all(agent == USER_AGENT for _, agent in server.requests)


def test_plain_text_pages_are_accepted(server: PageServer) -> None:
    server.routes["/page.txt"] = Route(body=b"Title\n", content_type="text/plain; charset=iso-8859-1")
    got = fetch(server.url("/page.txt"), FAST)
    assert not got.is_html and got.charset == "iso-8859-1"


def test_robots_txt_is_obeyed(server: PageServer) -> None:
    robots = b"User-agent: *\nDisallow: /private/\n\nUser-agent: ilo-kg\nDisallow: /news/\n"
    server.routes["/robots.txt"] = Route(body=robots, content_type="text/plain")
    server.routes["/news/a.html"] = Route(body=page("whats_new_2015.html"))
    server.routes["/open.html"] = Route(body=page("whats_new_2015.html"))
    fails(server.url("/news/a.html"), "robots.txt disallows it for ilo-kg")
    assert fetch(server.url("/open.html"), FAST).body  # the ilo-kg group replaces the * group
    assert "/news/a.html" not in [p for p, _ in server.requests]


def test_robots_txt_disallowing_everything(server: PageServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.routes["/a.html"] = Route(body=page("whats_new_2015.html"))
    fails(server.url("/a.html"), "disallows")


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_txt_unavailable_allows(server: PageServer, status: int) -> None:
    server.routes["/robots.txt"] = Route(status, b"no", "text/plain")
    server.routes["/a.html"] = Route(body=b"<html><body><p>Hello.</p></body></html>")
    assert fetch(server.url("/a.html"), FAST).body


@pytest.mark.parametrize("status", [429, 500, 503])
def test_robots_txt_unreachable_refuses(server: PageServer, status: int) -> None:
    server.routes["/robots.txt"] = Route(status, b"down", "text/plain")
    server.routes["/a.html"] = Route(body=page("whats_new_2015.html"))
    fails(server.url("/a.html"), f"robots.txt: HTTP {status}", "nothing is fetched")
    assert "/a.html" not in [p for p, _ in server.requests]


def test_robots_txt_timeout_refuses(server: PageServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"", content_type="text/plain", delay_s=1.5)
    fails(server.url("/a.html"), "timed out", "robots", limits=FetchLimits(timeout_s=0.5))


def test_redirects_are_followed_and_robots_checked_on_the_way(server: PageServer) -> None:
    server.routes["/old"] = Route(301, headers={"Location": "/older"})
    server.routes["/older"] = Route(302, headers={"Location": server.url("/new.html")})
    server.routes["/new.html"] = Route(body=page("whats_new_2015.html"))
    got = fetch(server.url("/old"), FAST)
    assert got.final_url == server.url("/new.html") and got.url == server.url("/old")
    assert [p for p, _ in server.requests] == ["/robots.txt", "/old", "/older", "/new.html"]


def test_a_redirect_into_a_disallowed_path_is_refused(server: PageServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private", content_type="text/plain")
    server.routes["/go"] = Route(302, headers={"Location": "/private/page.html"})
    fails(server.url("/go"), "disallows")


def test_redirect_loops_stop(server: PageServer) -> None:
    server.routes["/a"] = Route(302, headers={"Location": "/b"})
    server.routes["/b"] = Route(302, headers={"Location": "/a"})
    fails(server.url("/a"), "too many redirects (more than 5)")


def test_redirects_only_to_http(server: PageServer) -> None:
    server.routes["/a"] = Route(302, headers={"Location": "ftp://example.org/page.html"})
    fails(server.url("/a"), "only http and https", "ftp")
    server.routes["/b"] = Route(302, headers={"Location": "file:///etc/passwd"})
    fails(server.url("/b"), "only http and https", "file")


@pytest.mark.parametrize(
    ("status", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500"), (410, "HTTP 410")]
)
def test_http_errors(server: PageServer, status: int, words: str) -> None:
    server.routes["/x.html"] = Route(status, b"<html><body>error</body></html>")
    fails(server.url("/x.html"), words, server.url("/x.html"))


def test_a_slow_answer_times_out(server: PageServer) -> None:
    server.routes["/slow.html"] = Route(body=page("whats_new_2015.html"), delay_s=1.5)
    fails(server.url("/slow.html"), "timed out after 0.5 s", limits=FetchLimits(timeout_s=0.5))


def test_a_trickling_body_is_cut_by_the_time_limit_of_the_whole_fetch(server: PageServer) -> None:
    # every chunk comes well within a read time-out, but the whole body would take 3 s
    body = page("whats_new_2015.html")
    server.routes["/trickle.html"] = Route(body=body, chunks=12, trickle_s=0.25)
    fails(server.url("/trickle.html"), "timed out after 1 s", limits=FetchLimits(timeout_s=1.0))


def test_too_large_by_content_length(server: PageServer) -> None:
    server.routes["/big.html"] = Route(body=b"<p>" + b"x" * 300_000 + b"</p>")
    fails(server.url("/big.html"), "too large", "300,007 bytes announced", "200,000")


def test_too_large_without_content_length(server: PageServer) -> None:
    server.routes["/big.html"] = Route(body=b"<p>" + b"x" * 300_000 + b"</p>", length=False, chunks=30)
    fails(server.url("/big.html"), "too large (more than 200,000 bytes")


@pytest.mark.parametrize("media", ["application/pdf", "image/png", "application/json", "text/csv"])
def test_not_html(server: PageServer, media: str) -> None:
    server.routes["/doc"] = Route(body=b"%PDF-1.4", content_type=media)
    fails(server.url("/doc"), "not an HTML or plain-text page", media)


def test_no_content_type_is_sniffed(server: PageServer) -> None:
    server.routes["/a"] = Route(
        body=b"<!DOCTYPE html><html><body><p>Hi.</p></body></html>", content_type=None
    )
    assert fetch(server.url("/a"), FAST).is_html


def test_a_host_that_does_not_resolve() -> None:
    message = fails("http://no-such-host.invalid/page.html", "cannot connect to no-such-host.invalid")
    assert message.startswith("http://no-such-host.invalid/page.html: ") and "robots" not in message


def test_a_port_nobody_listens_on(server: PageServer) -> None:
    host, port = server.server_address[:2]
    server.shutdown()
    server.server_close()
    fails(f"http://{host}:{port}/a.html", "cannot connect")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.org/a.html", "only http and https URLs can be fetched, not ftp"),
        ("file:///etc/hosts", "only http and https URLs can be fetched, not file"),
        ("http:///nohost", "no host in the URL"),
        ("http://[::1", "not a valid URL"),
        ("http://example.org:99999/", "not a valid URL: Port out of range"),
        ("http://bad\x00host/", "not a valid URL"),
        ("http://user:secret@127.0.0.1:9/", "with a user name or password is not fetched"),
    ],
)
def test_urls_that_are_not_fetched(url: str, words: str) -> None:
    message = fails(url, words)
    assert "secret" not in message


def test_a_redirect_to_a_url_with_credentials_is_not_followed(server: PageServer) -> None:
    server.routes["/a"] = Route(302, headers={"Location": "http://me:secret@127.0.0.1:9/x"})
    message = fails(server.url("/a"), "redirect target URL with a user name or password")
    assert "secret" not in message


def test_is_url() -> None:
    assert is_url("http://x/y") and is_url("HTTPS://x") and is_url("ftp://x")
    assert not is_url("page.html") and not is_url("C:\\pages\\a.html") and not is_url("./a://b")
