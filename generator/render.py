"""Stage 4, render: derived data → Markdown pages for both languages, in memory (and
each regulation's official text, as held, to download beside its source page).

One Jinja2 template per kind of page serves both languages; the kinds of page are the
table page_types.PAGE_TYPES, walked here once per language. Every UI string comes
from `site_templates/strings.yaml` (words.py). Every `{{ value }}` is escaped for Markdown
unless it was made safe on purpose (`|h` escapes for HTML blocks), so nothing a
record contains can turn into markup. The shared macros (`_article`, `_cycles`,
`_corrections`, `_subscribe`, `_page`) are made once per language and page depth and
given to every page as `a`, `c`, `k`, `sub` and `layout` (MACROS), not imported by each
page; so are the links to the other pages, `urls` (page_types.PageLinks), and `paths`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import paths
from .awards import HOLDING, candidate_standing, named_count
from .collect import Corpus
from .errors import DataError, Problem
from .derive import adopted_without_text, compared_versions
from .findings import FINDING_KINDS, Subject
from .markup import body_html
from .model import CATEGORIES, NOTICE_KINDS, PERIOD_KINDS, WINNER_TABLES, Citation, Regulation
from .open_data import fields
from .page_types import PAGE_TYPES, PageLinks, Site
from .paging import Bounds, plan
from .periods import PERIOD_STATUSES, NoticeView
from .records import AwardRecords, award_records, grouped
from .text import anchor, cited_articles, cited_places, place_labels
from .words import load_strings
from .urls import Links, official_source, up_to_site_root
from .corrections import correction_label

LANGS = ("zh", "en")
# The winner's fields the winners tables show as they are, by column: the winners file's
# columns that open_data.yaml gives a `field` and a `heading` (model.WINNER_TABLES).
WINNER_FIELDS = {name: column for name, column in fields()["winners"]["columns"].items() if "heading" in column}

# The macro files, by the name every page knows them by. Their macros depend only on the
# language and on the page's depth (the links `urls` makes, the way `subscribe` goes back to
# the site's root), so each is made once per language and depth and handed to the pages,
# rather than imported by each page.
MACROS = {"a": "_article.md.j2", "c": "_cycles.md.j2", "k": "_corrections.md.j2", "sub": "_subscribe.md.j2",
          "layout": "_page.md.j2"}

# Every value reaches a page through one of the filters below, and each escapes for both
# languages it passes through: Markdown (with the extensions mkdocs.yml turns on) and the
# HTML it becomes. Whatever a record holds, it shows as text: no tag, no attribute list
# `{: …}`, no link or image, no table row, heading, list, rule, fence or code block.

# each character that starts Markdown inline markup, or that HTML reads as markup
_MARKDOWN_CHARS = "\\`*_{}[]#|!"
# each character that ends a line for Python (str.splitlines), as some of Markdown's steps do
_LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# in Markdown text (md): a backslash escape, shown by Python-Markdown as the character
_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in _MARKDOWN_CHARS}})
# in HTML (h), where a backslash is not read: a character reference, left alone by
# Markdown wherever the HTML stands (a raw block, a table cell, an attribute) and shown
# by the browser as the character; a line break too, so the value stays on its line
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                               **{c: f"&#{ord(c)};" for c in _MARKDOWN_CHARS + _LINE_BREAK_CHARS}})
# what a line may not start with: indentation (a code block), and a character that would
# begin a list, a rule, a setext heading underline or a ~~~ fence; `#`, `>`, `*`, `|`,
# `!` and backticks are escaped wherever they stand
_LINE_START = re.compile(r"^([ \t]*)(?:([-+=~])|(\d+)([.)]))?", re.MULTILINE)
_LINE_BREAKS = re.compile(r"\s*[" + _LINE_BREAK_CHARS + r"]\s*")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_ENDS = re.compile(r"^\s+|\s+$")
# a value that needs none of the above (most names, titles, labels): kept as it is
_NEEDS_MD = re.compile("[" + re.escape("&<>" + _MARKDOWN_CHARS + _LINE_BREAK_CHARS) + r"]|^[\s\d=~+-]|\s$")


def _safe_line_start(found: re.Match) -> str:
    """A line's start with its indentation one space at most (HTML shows no more), and
    its first character a character reference where Markdown would read it as markup."""
    indent = " " if found.group(1) else ""
    mark = found.group(2) or found.group(4)
    return indent + ("" if mark is None else (found.group(3) or "") + f"&#{ord(mark)};")


def md(value) -> Markup:
    """Text → Markdown that shows exactly that text, on one line: line breaks become
    spaces (as HTML shows them), so a value cannot end the table row, list item or
    heading it stands in."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if _NEEDS_MD.search(text) is None:
        return Markup(text)
    text = _LINE_START.sub(_safe_line_start, _LINE_BREAKS.sub(" ", text).translate(_MD_ESCAPES), count=1)
    return Markup(_ENDS.sub("&#32;", text))  # a space, but not one that leaves `**` beside it unpaired


def md_block(value) -> Markup:
    """Multi-line text → Markdown paragraphs that show exactly that text: a blank line
    starts a paragraph, and no line can start any other block (for a template line of
    its own, never inside a table or a list)."""
    if isinstance(value, Markup):
        return value
    text = "\n".join(line.rstrip() for line in str(value).splitlines()).strip("\n")  # two spaces at the end: a <br>
    text = _BLANK_LINES.sub("\n\n", text)
    return Markup(_LINE_START.sub(_safe_line_start, text.translate(_MD_ESCAPES)))


def h(value) -> Markup:
    """Text → HTML that shows exactly that text, on one line, in an element or an
    attribute: inside a raw HTML block, or inline in Markdown (a table cell)."""
    if isinstance(value, Markup):
        return value
    return Markup(_LINE_START.sub(_safe_line_start, str(value).translate(_HTML_ESCAPES), count=1))


_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_-]*")


def identifier(value) -> Markup:
    """An id the project made (a slug, a dimension key, a dataset name) for an anchor
    `{#…}` or a URL: refused unless it is one, since nothing there may be escaped."""
    if _IDENTIFIER.fullmatch(str(value)) is None:
        raise ValueError(f"not an identifier: {value!r}")
    return Markup(value)


# Python-Markdown turns tabs into spaces and carriage returns into line feeds in the whole
# page, raw HTML included; as character references they reach the browser as they were.
_VERBATIM = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\t": "&#9;", "\r": "&#13;"})


def verbatim(value) -> Markup:
    """Text → the content of a <pre> that shows exactly that text, every character kept."""
    return Markup(str(value).translate(_VERBATIM))


def marked(text: str, quotes=()) -> Markup:
    """Text → HTML with every occurrence of each quote in <mark> (the words a fact cites)."""
    spans: list[list[int]] = []
    for quote in quotes:
        start = text.find(quote)
        while quote and start != -1:
            spans.append([start, start + len(quote)])
            start = text.find(quote, start + 1)
    merged: list[list[int]] = []
    for span in sorted(spans):
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)
    out, at = [], 0
    for start, end in merged:
        out += [text[at:start].translate(_HTML_ESCAPES), "<mark>", text[start:end].translate(_HTML_ESCAPES), "</mark>"]
        at = end
    return Markup("".join(out) + text[at:].translate(_HTML_ESCAPES))


# what YAML may not hold unescaped (it is not "printable" there, or it ends a line)
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def yaml_string(value) -> Markup:
    """Text → a quoted YAML string (for the page's front matter), HTML-escaped: mkdocs and
    the theme put the front matter's `title` into the page (<title>, the header) as it is.
    Every character YAML could stumble on is written as an escape, so the front matter
    always reads as front matter (else mkdocs would show it as Markdown)."""
    quoted = json.dumps(html.escape(str(value), quote=False), ensure_ascii=False)
    return Markup(_NOT_YAML_PRINTABLE.sub(lambda c: f"\\u{ord(c.group()):04x}", quoted))


def iso_days(days) -> str:
    """Days as ISO dates separated by spaces (a period's working days, for the browser)."""
    return " ".join(day.isoformat() for day in days)


def candidate_rows(view: NoticeView) -> list[dict]:
    """A notice's candidates as the rows of its table (WINNER_TABLES["candidates"]): each
    candidate as `winner`, with its cycle and where it stands (awards.candidate_standing;
    still proposed while the notice's publicity is open or has not begun)."""
    open_for_objections = view.status in ("open", "upcoming")
    return [dict(winner=x, cycle=view.cycle, standing=candidate_standing(view.cycle, x, open_for_objections))
            for x in view.notice.candidates]


def _finalize(value):
    if value is None:
        return ""
    return md(value)


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(templates), finalize=_finalize, undefined=StrictUndefined,
                      comment_start_string="{%#", comment_end_string="#%}",  # {#id} is Markdown's anchor syntax
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["h"] = h
    env.filters["verbatim"] = verbatim
    env.filters["md"] = md
    env.filters["md_block"] = md_block
    env.filters["identifier"] = identifier
    env.filters["yaml_string"] = yaml_string
    env.filters["marked"] = marked
    return env


def render_site(corpus: Corpus, today: dt.date, root: Path, records: AwardRecords | None = None,
                preview: bool = False, bounds: Bounds | None = None, parallel: bool = False) -> dict[str, str]:
    """Every page of the site, as {path under the docs folder: Markdown}, and the official
    texts offered for download beside their pages (once, in zh/: the site's root). `records`
    are the award records as of `today` (worked out here when not given). A `preview`
    shows `today` in the browser too; else the pages recount statuses by the reader's
    clock, so a page built days ago stays right. `bounds` say where a site-wide list is
    cut into pages by province (paging.py). With `parallel`, the languages are rendered
    at the same time, each other language in a process forked from this one (the pages
    are the same)."""
    templates = root / "site_templates"
    env, strings = environment(templates), load_strings(templates)
    records = award_records(corpus, today) if records is None else records
    views = records.regulations
    columns = compared_versions(corpus, views)
    groups = grouped(corpus.dimensions, lambda dimension: dimension.group)
    paging = plan(corpus, records, columns, bounds)
    site = Site(corpus, today, root, records, columns, paging)

    def language(lang: str) -> dict[str, str]:
        """The pages of one language (and, in zh/, the official texts)."""
        pages: dict[str, str] = {}

        def t(key: str, **values) -> str:
            return strings.get(key, lang, **values)

        def tr(pair) -> str:
            return getattr(pair, lang)

        def date(day: dt.date | None) -> str:
            if day is None:
                return t("unknown")
            return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()

        def cites(reg, fact) -> list[tuple[str, str]]:
            """A fact's citations as (anchor, label in this language)."""
            return [(key, zh if lang == "zh" else en) for key, zh, en in cited_places(reg.text, fact.cite)]

        def cite_label(reg: Regulation, cite: Citation) -> str:
            if reg.text is None:
                return f"第{cite.article}条" if lang == "zh" else f"Art. {cite.article}"
            return place_labels(reg.text, cite)[0 if lang == "zh" else 1]

        def status_text(view: NoticeView) -> str:
            text = t(f"period.{view.period.kind}.{view.status}")  # what is open: applications or objections
            if view.status == "open" and view.days_left:
                text += t("period.separator") + (t("period.days_left_one") if view.days_left == 1 else t("period.days_left", n=view.days_left))
            return text

        common = dict(lang=lang, t=t, t_in=strings.get, tr=tr, date=date, today=today, corpus=corpus, views=views,
                      columns=columns, groups=groups, cites=cites, cited_articles=cited_articles, r=records,
                      cite_label=cite_label, anchor=anchor, status_text=status_text, NOTICE_KINDS=NOTICE_KINDS,
                      CATEGORIES=CATEGORIES, FINDING_KINDS=FINDING_KINDS, Subject=Subject, HOLDING=HOLDING, iso=dt.date.isoformat,
                      WINNER_TABLES=WINNER_TABLES, WINNER_FIELDS=WINNER_FIELDS, iso_days=iso_days, body_html=body_html, correction_label=correction_label)
        common["preview"] = preview
        common["paging"] = paging
        common["PERIOD_KINDS"], common["PERIOD_STATUSES"] = PERIOD_KINDS, PERIOD_STATUSES
        common["candidate_rows"] = candidate_rows
        common["named_count"] = named_count
        common["adopted_without_text"] = lambda view: adopted_without_text(corpus, views, view)
        common["official_source"] = official_source
        common["period_strings"] = Markup(env.get_template("_period_strings.md.j2").render(**common))

        common["paths"] = paths
        # the ways back → the shared macros for pages at that depth (so no macro may use
        # urls.address, which depends on the page itself)
        macros: dict[tuple[str, str], dict] = {}

        def claim(key: str) -> str:
            """`key` for one page or file: inside the docs folder, and not taken already."""
            _check_inside(key)
            if key in pages:
                raise ValueError(f"two pages or files would be written to {key}")
            return key

        def put(path: str, template: str, **context) -> None:
            key = claim(f"{lang}/{path}")
            urls = PageLinks(path)  # from this page's source to the others (Markdown links)
            subscribe = Links(up_to_site_root(key))  # from the published page to the feeds, calendars and data
            here = {"urls": urls, "subscribe": subscribe}
            if (urls.base, subscribe.site) not in macros:
                macros[urls.base, subscribe.site] = {
                    name: env.get_template(file).make_module({**common, **here}) for name, file in MACROS.items()}
            pages[key] = env.get_template(template).render({**common, **macros[urls.base, subscribe.site], **here, **context})

        for page_type in PAGE_TYPES:
            for context in page_type.each(site, lang):
                put(page_type.path_of(context), page_type.template, **context)
        if lang == "zh":  # the official texts, one copy in the site's root, linked from both languages
            for version in site.versions():
                original = corpus.original(version["reg"])
                if original is not None:
                    pages[claim("zh/" + paths.source_file(version["reg"].city, version["reg"].version))] = original
        return pages

    first, *others = LANGS
    if not parallel or not others:
        return {key: text for lang in LANGS for key, text in language(lang).items()}
    global _render_language
    _render_language = language  # what the forked process finds (a closure cannot be sent to it)
    try:
        with ProcessPoolExecutor(len(others), mp_context=multiprocessing.get_context("fork")) as pool:
            rendering = [pool.submit(_in_forked_process, lang) for lang in others]
            pages = language(first)
            for part in rendering:
                pages.update(part.result())
    finally:
        _render_language = None
    return pages


_render_language = None  # render_site's function of a language, while it renders in forked processes


def _in_forked_process(lang: str) -> dict[str, str]:
    return _render_language(lang)


_SAFE_PATH = re.compile(r"^[a-z]{2}(/[a-z0-9][a-z0-9._-]*)+\.(md|txt)$")  # pages, and the official texts


def _check_inside(key: str) -> None:
    """A page's path is made of ids the model has validated; refuse, rather than write,
    any that would leave the docs folder or name something odd (a guard, should a
    record type ever let an unchecked id through)."""
    parts = key.split("/")
    if not _SAFE_PATH.match(key) or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise DataError([Problem(key, 1, 1, "", f"页面路径不安全：“{key}”（只能由小写字母、数字和 - 组成，且须在网站目录内）",
                                 f"unsafe page path '{key}' (only lower-case letters, digits and '-', inside the site folder)")])
