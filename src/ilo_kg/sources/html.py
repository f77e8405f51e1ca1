"""A saved or fetched HTML page -> the plain-text layout the extractors read.

The page is parsed with selectolax (the Lexbor engine: an HTML5 parser that builds the same tree as a
browser, so unclosed ``<p>`` and ``<li>`` and misnested tags read as they display).  What is not the
page's own content is dropped: scripts, styles, forms, navigation, headers and footers of the site,
sidebars, cookie banners, share bars and promo boxes (by element, ARIA role, ``hidden`` and the usual
class and id words).  What is left is written the way the source pages in ``data/sources`` are laid out:

* the page title (its first ``<h1>``, else ``<title>``) on the first line;
* headings and paragraphs as lines of their own, a blank line between blocks;
* a list whose items have more than one block (a teaser: credit, category, headline, date, summary)
  as numbered items, ``"  1. first block"`` then each further block indented by four spaces; a run
  of like ``<div>``/``<article>`` teasers, most of them with a date line, is read as such a list;
* any other list as bullets, ``"  • text"``;
* ``<br>`` as a line break, a ``<time>`` whose text is not a date as its ``datetime`` date.
"""

from __future__ import annotations

import calendar
import codecs
import re
from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ilo_kg.sources.common import clean, is_date_line

__all__ = ["HtmlError", "decode", "html_to_text"]


class HtmlError(ValueError):
    """A page that cannot be decoded or that has no text; the message is one line."""


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose content is never the page's text.
_DROP_TAGS = _set(
    "script style noscript template nav aside form iframe frame frameset svg math canvas button select "
    "input textarea label object embed video audio map dialog head link meta base footer"
)
# Elements dropped when they are the site's, not inside the page's main content or article (an article's
# own footer, with its tools and tags, goes too).
_SITE_TAGS = frozenset({"header"})
_DROP_ROLES = _set(
    "navigation banner contentinfo complementary search dialog alertdialog menu menubar toolbar"
)
# Words in a class or id that mark boilerplate (matched as whole words of the name, split on - _ and case).
_DROP_WORDS = _set(
    "nav navbar navigation menu menubar submenu breadcrumb breadcrumbs crumbs sidebar cookie cookies "
    "consent gdpr banner promo promos promotion promotions advert advertisement ads social share sharing "
    "sharebar addthis skip related subscribe subscription pagination pager toolbar langswitch "
    "langswitcher languages language switcher masthead topbar offcanvas modal popup tools utility utilities "
    "footer more"
)
_SITE_WORDS = frozenset({"header"})
# Of those, the words that also name the page's layout wrappers (``<div class="page one-sidebar">``).
_LAYOUT_WORDS = _set(
    "nav navbar navigation menu menubar submenu sidebar toolbar tools utility utilities footer masthead "
    "topbar offcanvas more related languages language switcher pager pagination"
)
_BLOCK_TAGS = _set(
    "address article aside blockquote body caption center dd details div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul"
)
_TEASER_TAGS = frozenset({"div", "article", "section"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol"})
# Inline elements that still stand on a line of their own in the layout (a teaser's date or credit).
_LINE_WORDS = frozenset({"date", "dates", "daterange", "credit", "credits", "category", "kicker", "caption"})
# A line made only of these words is links to elsewhere ("Read more", "Print | Share"), not the page's text.
_CALLS_TO_ACTION = _set("read more see show view all back to top print share email tweet download next last")
_MAIN_SELECTORS = ("main", "[role=main]", "#main-content", "#maincontent", "#content", "#main")
MAX_DEPTH = 200  # elements nested deeper are refused (real pages nest a few dozen levels)
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# --- decoding --------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# WHATWG Encoding: these labels mean windows-1252 in a web page.
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})


def _codec(label: str) -> str:
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError as exc:
        raise HtmlError(f"unknown charset {label!r}") from exc
    return "cp1252" if name in _AS_CP1252 else name


def decode(data: bytes, charset: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """The text of a page and the charset it was read with.

    A byte-order mark wins, then the charset of the HTTP ``Content-Type`` (``charset``), then (for HTML) a
    ``<meta charset>`` in the first 1,024 bytes, else UTF-8.  Bytes that are not valid in that charset stop
    the read with an :class:`HtmlError` naming the byte and its offset.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, codec, declared = data[len(bom) :], name, "byte-order mark"
            break
    else:
        found = _META_CHARSET.search(data[:1024]) if html and not charset else None
        label = charset or (found.group(1).decode("ascii") if found else None)
        codec = _codec(label) if label else "utf-8"
        declared = f"charset {label}" if label else "no charset declared"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        what = "UTF-8" if codec == "utf-8" else codec
        raise HtmlError(
            f"not valid {what} ({declared}): byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc


# --- the tree -> blocks ----------------------------------------------------------------------------


def _words(node: LexborNode) -> set[str]:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return {w.lower() for w in _WORD_SPLIT.split(names) if w}


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return (
        "hidden" in attrs
        or (attrs.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _boilerplate(node: LexborNode, in_content: bool, most: int) -> bool:
    """True for an element that is not the page's own text.

    ``most`` is half the length of the page's text: an element whose class or id names a part of the
    layout (sidebar, menu, ...) but that holds more than that is a wrapper of the page
    (``<div class="page one-sidebar">``), and stays.
    """
    tag = node.tag or ""
    if tag in _DROP_TAGS or _hidden(node):
        return True
    if (node.attributes.get("role") or "").lower() in _DROP_ROLES:
        return True
    if not in_content and tag in _SITE_TAGS:
        return True
    words = _words(node)
    if words & _DROP_WORDS - _LAYOUT_WORDS:
        return True
    named = bool(words & _LAYOUT_WORDS) or (not in_content and bool(words & _SITE_WORDS))
    return named and len(node.text(separator=" ").strip()) <= most


@dataclass
class _Block:
    kind: str  # "heading", "para", "list"
    lines: list[str] = field(default_factory=list)
    items: list[list[_Block]] = field(default_factory=list)  # a list's items, each its blocks
    ordered: bool = False


class _Reader:
    """Walks the content tree once, collecting blocks; inline text gathers until the next block."""

    def __init__(self, skip: LexborNode | None, most: int) -> None:
        self.skip = skip  # the <h1> used as the title
        self.most = most  # see _boilerplate
        self.blocks: list[_Block] = []
        self.inline: list[str] = []

    def flush(self, kind: str = "para") -> None:
        text = "".join(self.inline)
        self.inline.clear()
        lines = [clean(part) for part in text.split("\n")]
        lines = [ln for ln in lines if ln and not _call_to_action(ln)]
        if lines:
            self.blocks.append(_Block(kind, [" ".join(lines)] if kind == "heading" else lines))

    def walk(self, node: LexborNode, in_content: bool) -> None:
        kids: list[LexborNode] = []
        child = node.child
        while child is not None:
            kids.append(child)
            child = child.next
        i = 0
        while i < len(kids):
            after = self.teasers(kids, i, in_content)
            if after > i:
                i = after
                continue
            self.visit(kids[i], in_content)
            i += 1

    def teasers(self, kids: list[LexborNode], i: int, in_content: bool) -> int:
        """Read a run of like sibling containers starting at ``kids[i]``; the index after it, or ``i``.

        News and projects are often laid out as a run of ``<div class="item">`` (or ``<article>``)
        rather than list items: when each holds more than one block and most hold a date line, the run
        is read as a list of numbered items, like ``<ul>``.  Otherwise it reads as its blocks.
        """
        first = kids[i]
        if first.tag not in _TEASER_TAGS or _boilerplate(first, in_content, self.most):
            return i
        classes = set((first.attributes.get("class") or "").split())
        run, last = [first], i
        for j in range(i + 1, len(kids)):
            kid = kids[j]
            if kid.is_text_node and not (kid.text_content or "").strip():
                continue
            other = set((kid.attributes.get("class") or "").split())
            alike = (classes & other) or not (classes or other)
            if kid.tag != first.tag or not alike or _boilerplate(kid, in_content, self.most):
                break
            if self.skip is not None and kid.mem_id == self.skip.mem_id:
                break
            run.append(kid)
            last = j
        if len(run) < 2:
            return i
        subs = []
        for element in run:
            sub = _Reader(self.skip, self.most)
            sub.walk(element, in_content or element.tag == "article")
            sub.flush()
            subs.append(sub.blocks)
        dated = sum(1 for blocks in subs if any(is_date_line(ln) for b in blocks for ln in b.lines))
        self.flush()
        if all(len(blocks) > 1 for blocks in subs) and dated * 2 > len(subs):
            self.blocks.append(_Block("list", items=subs))
        else:
            for blocks in subs:
                self.blocks.extend(blocks)
        return last + 1

    def visit(self, node: LexborNode, in_content: bool) -> None:
        if node.is_text_node:
            self.inline.append(_SPACES.sub(" ", node.text_content or ""))
            return
        if not node.is_element_node or _boilerplate(node, in_content, self.most):
            return
        if self.skip is not None and node.mem_id == self.skip.mem_id:
            return
        tag = node.tag or ""
        inside = in_content or tag in {"main", "article"}
        if tag == "br":
            self.inline.append("\n")
        elif tag == "time":
            self.inline.append(_time_text(node))
        elif tag in _HEADINGS:
            self.flush()
            self.walk(node, inside)
            self.flush("heading")
        elif tag in _LISTS:
            self.flush()
            self.blocks.append(self.read_list(node, inside))
        elif tag == "tr" and not _has_blocks(node):
            # a row of a data table: one line; a layout table's rows are read as their blocks
            self.flush()
            cells = [clean(c.text(separator=" ")) for c in node.iter() if c.tag in {"td", "th"}]
            cells = [c for c in cells if c]
            if cells:
                self.blocks.append(_Block("para", [" | ".join(cells)]))
        elif tag in _BLOCK_TAGS or _words(node) & _LINE_WORDS:
            self.flush()
            self.walk(node, inside)
            self.flush()
        else:
            self.walk(node, inside)

    def read_list(self, node: LexborNode, in_content: bool) -> _Block:
        block = _Block("list", ordered=node.tag == "ol")
        for li in node.iter():
            if li.tag != "li" or _boilerplate(li, in_content, self.most):
                continue
            sub = _Reader(self.skip, self.most)
            sub.walk(li, in_content)
            sub.flush()
            if sub.blocks:
                block.items.append(sub.blocks)
        return block


def _has_blocks(node: LexborNode) -> bool:
    """True when a table row holds block content (paragraphs, lists, headings, tables): page layout."""
    return any(
        (d.tag or "") in _BLOCK_TAGS - {"td", "th", "tr", "tbody", "thead", "tfoot"}
        for d in node.traverse(include_text=False)
        if d.mem_id != node.mem_id
    )


def _inside_boilerplate(node: LexborNode, root: LexborNode, in_content: bool, most: int) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.is_element_node and _boilerplate(parent, in_content, most):
            return True
        parent = parent.parent
    return False


def _call_to_action(line: str) -> bool:
    words = re.findall(r"\w+", line.lower())
    return bool(words) and all(w in _CALLS_TO_ACTION for w in words) and len(words) <= 4


def _time_text(node: LexborNode) -> str:
    text = node.text(separator=" ")
    m = _ISO_DATE.match(node.attributes.get("datetime") or "")
    if m and not is_date_line(text):
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return text
        return f"{d.day} {calendar.month_name[d.month]} {d.year}"
    return text


def _flat(blocks: list[_Block]) -> list[str]:
    """The lines of an item's blocks, one run per block (a nested list's items as bullets)."""
    runs: list[str] = []
    for b in blocks:
        if b.kind == "list":
            runs += ["• " + " ".join(_flat(item)) for item in b.items]
        else:
            runs.append("\n".join(b.lines))
    return runs


def _render(title: str, blocks: list[_Block]) -> str:
    out: list[str] = [title] if title else []
    for b in blocks:
        if b.kind != "list":
            out += ["", *b.lines]
            continue
        items = [_flat(item) for item in b.items]
        if any(len(runs) > 1 or "\n" in runs[0] for runs in items):
            for number, runs in enumerate(items, start=1):
                first, *more = runs[0].split("\n")
                out += ["", f"  {number}. {first}", *(f"    {ln}" for ln in more)]
                for run in runs[1:]:
                    out += ["", *(f"    {ln}" for ln in run.split("\n"))]
        else:
            for runs in items:
                out += ["", f"  • {runs[0]}"]
    return "\n".join(out).strip("\n") + "\n"


def _content_root(tree: LexborHTMLParser) -> tuple[LexborNode | None, bool]:
    for selector in _MAIN_SELECTORS:
        found = tree.css_first(selector)
        if found is not None:
            return found, True
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0], True
    return tree.body, False


def _title(
    tree: LexborHTMLParser, root: LexborNode, in_content: bool, most: int
) -> tuple[str, LexborNode | None]:
    for h1 in root.css("h1"):
        text = clean(h1.text(separator=" "))
        if text and not _inside_boilerplate(h1, root, in_content, most):
            return text, h1
    node = tree.css_first("title")
    text = clean(node.text()) if node is not None else ""
    # "Page title | Site name": the page's own part
    return (re.split(r"\s+[|•]\s+", text)[0] if text else ""), None


def _too_deep(root: LexborNode, limit: int) -> bool:
    """True when elements nest more than ``limit`` levels (measured without recursion)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        child = node.child
        while child is not None:
            if child.is_element_node:
                stack.append((child, depth + 1))
            child = child.next
    return False


def html_to_text(markup: str, name: str = "page") -> str:
    """The text layout of an HTML page (see the module docstring); :class:`HtmlError` when none is left."""
    tree = LexborHTMLParser(markup)
    root, in_content = _content_root(tree)
    if root is None:
        raise HtmlError(f"{name}: no <body> in the page")
    if _too_deep(root, MAX_DEPTH):
        raise HtmlError(f"{name}: elements nested more than {MAX_DEPTH} levels deep; not read")
    for where, in_main in ((root, in_content), (tree.body, False)):
        # the main content, else (when it is empty, as a skip link's target can be) the whole body
        if where is None:
            continue
        most = len(where.text(separator=" ").strip()) // 2
        title, h1 = _title(tree, where, in_main, most)
        reader = _Reader(h1, most)
        reader.walk(where, in_main)
        reader.flush()
        if reader.blocks:
            break
    else:
        raise HtmlError(
            f"{name}: no text left after dropping navigation, scripts, styles and other boilerplate"
        )
    return _render(title, reader.blocks)
