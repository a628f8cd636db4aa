"""Issue 19, by construction: whatever text a record's free-text fields hold, the built
pages show it as text. A cycle of the small scenario project (one fictional city,
`example: true`) is made with every free-text field — titles, names, sector, district,
employer, issuer, office, address, how, phone, email, document, reason, notes, body,
was, why, source titles — holding a value drawn from a hostile mixture of Markdown and
HTML constructs, line breaks and random Unicode; the site is built once per example and
every built page (both languages) is parsed and held to these properties:

1. no element has an event-handler attribute (`on…`);
2. no link or resource address holds a `javascript:`, `vbscript:` or `data:` URL;
3. nothing is loaded from another host, and no `style` attribute comes from a record;
4. every table listing the records (the notices, the winners, the city page, the
   revocations, the corrections) has one row per record, and no broken table row
   (`| … |`) is left behind as text;
5. no heading, rule or code block in a page's content that the same page does not have
   when every value is benign;
6. no other element either (image, link, emphasis, paragraph, list …): the content has
   exactly the benign page's elements. A notice's `body`, which is Markdown on purpose
   (generator/markup.py), is held to 1–3 only.

Values the project refuses are fine to write, but then the build stops with located
problems (`path:line:col: …`) and no traceback; `test_refused_values_*` holds them to
that with `awardsite check`, the cheaper command. The default run is short; `-m fuzz`
runs many more examples (FUZZ_EXAMPLES, as tests/test_fuzz.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import gc
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project, run_cli
from generator import load
from generator.collect import gather
from generator.errors import BuildError, DataError
from generator.model import NOTICE_KINDS
from generator.pipeline import outputs, prepare
from generator.site import run_mkdocs, write_pages
from generator.placeholders import PLACEHOLDER_EN, PLACEHOLDER_ZH

# An example is a build (about 1.5 s): a thirtieth of tests/test_fuzz.py's examples by default (10), and
# twenty times as many with -m fuzz; three refusals, which only check, for each build.
SHORT = max(1, int(os.environ.get("FUZZ_EXAMPLES", "300")) // 30)
LONG = 20 * SHORT
TODAY = dt.date(2026, 6, 30)  # after every date of the cycle: everything is published and shown
CYCLE = "fuzz"
CYCLE_FILE = f"content/example/{CYCLE}.yaml"

# ---------------------------------------------------------------- the cycle

NOTICES, WINNERS, REVOCATIONS, SOURCES = 10, 10, 2, 3
KINDS = list(NOTICE_KINDS)  # one notice of each kind, and then some
NOTICE_CORRECTED = ("title.zh", "title.en", "document", "issuer.en", "objection.phone")
WINNER_CORRECTED = ("name.zh", "sector.en", "district.zh")
Text = Callable[[str, bool], str]  # (the value's dotted place, whether it may hold line breaks) → the value


def day(offset: int) -> dt.date:
    return dt.date(2025, 3, 3) + dt.timedelta(days=offset)


def make_cycle(text: Text) -> dict:
    """The cycle with `text` giving every free-text value: ten notices (every kind, the
    publicity ones with working days and an objection contact), ten winners
    (organisations and individuals), two revocations, sources and notes, and corrections
    on every notice and winner."""
    def pair(place: str, multi: bool = False) -> dict:
        return {"zh": text(f"{place}.zh", multi), "en": text(f"{place}.en", multi)}

    def corrections(place: str, record: dict, fields) -> list:
        out = []
        for j, field in enumerate(fields):
            was = text(f"{place}.corrections[{j}].was", True)
            current = record
            for part in field.split("."):
                current = current[part]
            if was == current:  # the project refuses a `was` equal to the current text
                was += " 旧"
            out.append({"date": day(220 + j), "field": field, "was": was, "why": pair(f"{place}.corrections[{j}].why", True)})
        return out

    notices = []
    for i in range(NOTICES):
        place, kind = f"notices[{i}]", KINDS[i % len(KINDS)]
        notice = {"id": f"n{i}", "kind": kind, "title": pair(f"{place}.title"), "published": day(7 * i),
                  "document": text(f"{place}.document", False), "issuer": pair(f"{place}.issuer"),
                  "body": pair(f"{place}.body", True)}
        if NOTICE_KINDS[kind].period == "deadline":
            notice["deadline"] = day(7 * i + 20)
        if NOTICE_KINDS[kind].takes_objections:
            notice["working_days"] = 5
            notice["objection"] = {"office": pair(f"{place}.objection.office"), "phone": text(f"{place}.objection.phone", False),
                                   "email": text(f"{place}.objection.email", False),
                                   "address": pair(f"{place}.objection.address", True), "how": pair(f"{place}.objection.how", True)}
        fields = [f for f in NOTICE_CORRECTED if f.split(".")[0] in notice][: 1 + i % 3]
        notice["corrections"] = corrections(place, notice, fields)
        notices.append(notice)
    winners = []
    for i in range(WINNERS):
        place = f"winners[{i}]"
        individual = i % 2 == 1
        winner = {"id": f"w{i}", "name": {"zh": text(f"{place}.name.zh", False)}, "kind": "individual" if individual else "organisation",
                  "award": "nomination" if i % 4 >= 2 else "award", "sector": pair(f"{place}.sector"),
                  "district": pair(f"{place}.district")}
        if i % 3:
            winner["name"]["en"] = text(f"{place}.name.en", False)
        if individual:
            winner["employer"] = pair(f"{place}.employer")
        winner["corrections"] = corrections(place, winner, WINNER_CORRECTED[: 1 + i % 2])
        winners.append(winner)
    return {
        "city": "example", "cycle": CYCLE, "title": pair("title"), "year": 2025, "regulation": "2024", "example": True,
        "sources": [{"url": f"https://example.org/source-{i}", "title": pair(f"sources[{i}].title"), "published": day(i)}
                    for i in range(SOURCES)],
        "notes": pair("notes", True),
        "notices": notices,
        "winners": winners,
        "revocations": [{"winner": f"w{i}", "decided": day(180 + i), "document": text(f"revocations[{i}].document", False),
                         "grounds": [{"article": 1}], "reason": pair(f"revocations[{i}].reason", True)}
                        for i in range(REVOCATIONS)],
    }


def benign(place: str, multi: bool) -> str:
    """A plain value that names its place: nothing in it is markup."""
    return "示例 " + re.sub(r"[^a-z0-9]+", " ", place).strip()


def text_places() -> dict[str, bool]:
    """Every free-text place of the cycle → whether it may hold line breaks."""
    places: dict[str, bool] = {}

    def record(place: str, multi: bool) -> str:
        places[place] = multi
        return benign(place, multi)

    make_cycle(record)
    return places


PLACES = text_places()


def cycle_yaml(cycle: dict) -> str:
    """The cycle as a well-formed YAML file (every string quoted by the emitter as it needs)."""
    return yaml.safe_dump(cycle, allow_unicode=True, sort_keys=False, width=10**6)


# ---------------------------------------------------------------- the project and its build

def regulation_with_text(project: Path) -> None:
    """Give the scenario's regulation a one-article text (revocation grounds cite it) and
    every comparison dimension as not specified (a version with a text codes them all)."""
    path = project / "city_rules" / "example" / "2024.yaml"
    reg = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = [d["key"] for d in yaml.safe_load((ROOT / "city_rules" / "dimensions.yaml").read_text(encoding="utf-8"))]
    reg["text"] = {"heading": [{"zh": "示例市市长质量奖管理办法", "en": "Example Measures"}],
                   "chapters": [{"number": 1, "label": "第一章", "title": {"zh": "总则", "en": "General"},
                                 "articles": [{"number": 1, "label": "第一条", "paragraphs": [
                                     {"zh": "以欺骗手段获奖的，撤销其奖励。", "en": "An award obtained by deceit is revoked."}]}]}]}
    reg["facts"] = {key: {"not_specified": True} for key in keys}
    path.write_text(yaml.safe_dump(reg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def new_project(target: Path) -> Path:
    project = copy_project(target, examples=False, demo=True)  # its cycle is an example
    regulation_with_text(project)
    pages = project / "content" / "pages"  # the hand-written pages the navigation names (the real ones link to real records)
    pages.mkdir(parents=True, exist_ok=True)
    for name in ("about", "publish"):
        for lang in ("zh", "en"):
            (pages / f"{name}.{lang}.md").write_text(f"# {name} {{#top}}\n\n## {name} {{#working-days}}\n", encoding="utf-8")
    (project / "content" / "example").mkdir(parents=True, exist_ok=True)
    return project


def build(project: Path, cycle: dict) -> list[str]:
    """Write the cycle and build the site into site/ as `awardsite build` does (gather,
    corrections, render, export, mkdocs --strict; not the search index, which reads the
    pages and changes none). [] when it built; else the lines it stopped with: the
    problems of refused data, or what mkdocs said."""
    (project / CYCLE_FILE).write_text(cycle_yaml(cycle), encoding="utf-8")
    try:
        pages, exports = outputs(prepare(project, TODAY, gather(project)))
    except DataError as exc:
        return [str(p) for p in exc.problems]
    write_pages({**pages, **exports}, project / "build" / "docs")
    shutil.rmtree(project / "site", ignore_errors=True)
    try:
        run_mkdocs(project, project / "site", 1_800_000_000)  # a fixed build time, as --today fixes it
    except BuildError as exc:
        return str(exc).splitlines()
    return []


LOCATED = re.compile(r"^(content|city_rules)/[^:\n]+:\d+:\d+: \S")


def assert_cleanly_refused(lines: list[str]) -> None:
    """Stopped by the data's own problems, each located and in both languages (not by mkdocs, nor a traceback)."""
    assert lines, "refused without a problem"
    for line in lines:
        assert LOCATED.match(line) and "Traceback" not in line and " | " in line, "\n".join(lines)


# ---------------------------------------------------------------- the properties

PROPERTY_NAMES = {1: "no event-handler attribute", 2: "no javascript:/vbscript:/data: URL",
                  3: "nothing from another host, no style from a record", 4: "a table row per record, no broken row as text",
                  5: "no heading, rule or code block the template does not make", 6: "no other element the template does not make"}


def pages(site: Path) -> dict[str, lxml.html.HtmlElement]:
    """Every built page, by its path under site/ ('/' for the home page, 'en/notices/', '404.html' …)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out[rel.removesuffix("index.html") or "/"] = lxml.html.fromstring(path.read_bytes())
    return out


def excerpt(element, longest: int = 240) -> str:
    source = lxml.html.tostring(element, encoding="unicode", with_tail=False)
    source = " ".join(source.split())
    return source if len(source) <= longest else source[:longest] + "…"


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background")
LOADERS = ("img", "script", "iframe", "link", "source", "video", "audio", "object", "embed", "track", "image", "input")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_OTHER_HOST = re.compile(r"^([a-z][a-z0-9+.-]*:)?//")


def active_attributes(page) -> list[tuple[int, str]]:
    """Properties 1–3 on the whole page: event handlers, script URLs, other hosts, positioned styles."""
    found = []
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append((1, f"event handler {name}: {excerpt(element)}"))
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                address = _IGNORED_IN_URLS.sub("", value).lower()
                if address.startswith(BAD_SCHEMES):
                    found.append((2, f"{name}={value!r}: {excerpt(element)}"))
                if (element.tag in LOADERS and name != "href" or element.tag == "link") and _OTHER_HOST.match(address):
                    found.append((3, f"loads from another host: {excerpt(element)}"))
            if name == "style" and "position" in value.lower() and not element.xpath("ancestor::article"):
                found.append((3, f"style attribute: {excerpt(element)}"))  # in the content: compared with the benign page
    return found


def content(page):
    """The page's <article> (the theme's header, navigation and footer are outside it), or None."""
    found = page.xpath("//article")
    assert len(found) <= 1, "a page has one <article>"
    return found[0] if found else None


def outside_bodies(article) -> list:
    """The article's elements, a notice body's own (Markdown on purpose) and the paragraphs
    of a cycle's notes (as many as the notes have) left out."""
    return [e for e in article.iter() if isinstance(e.tag, str) and not e.xpath("ancestor::div[@class='notice-body']")
            and not (e.tag == "p" and e.xpath("parent::div[@class='cycle-notes']") and not len(e))]


def token(element) -> str:
    return element.tag + ("@style" if "style" in element.attrib else "")


def tables(article) -> list[int]:
    """The row count of every table of the content."""
    return [len(table.xpath(".//tr")) for table in article.iter("table")]


_PIPE_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[^\n]*\|", re.MULTILINE)


def leftover_rows(article, values: list[str]) -> list[str]:
    """Lines of text outside the tables' cells that read as a Markdown table row and are
    no record's value shown as it is (inside a cell, the row counts tell)."""
    squeezed = ["".join(v.split()) for v in values]
    found = []
    for node in article.xpath(".//text()[not(ancestor::td) and not(ancestor::th)]"):
        for match in _PIPE_ROW.finditer(str(node)):
            line = "".join(match.group().split())
            if not any(line in value for value in squeezed):
                found.append(match.group().strip())
    return found


STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "code"}  # property 5; any other element added is property 6
ROWS = {"table", "thead", "tbody", "tr", "th", "td"}  # a table's own: property 4 counts its rows


def compared(want: list[str], article) -> tuple[list, list[str]]:
    """The elements of `article` (outside notice bodies) that the benign page does not
    have (outermost only), and the tags of the benign page's that it lacks; a table's
    rows and cells are left to property 4."""
    elements = outside_bodies(article)
    got = [token(e) for e in elements]
    if got == want:
        return [], []
    added, lacking = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
        if op in ("insert", "replace"):
            added += [e for e in elements[j1:j2] if e.tag not in ROWS]
        if op in ("delete", "replace"):
            lacking += [tag for tag in want[i1:i2] if tag not in ROWS]
    return [e for e in added if not any(a in added for a in e.iterancestors())], lacking


def violations(site: Path, baseline: dict, values: list[str]) -> list[tuple[int, str, str]]:
    """Everything on the built pages that breaks a property: (property, page, what), with an excerpt."""
    found = []
    built = pages(site)
    assert built.keys() == baseline.keys(), "the same pages as the benign build"
    for path, page in built.items():
        found += [(prop, path, what) for prop, what in active_attributes(page)]
        article = content(page)
        if article is None:
            continue
        want = baseline[path]
        rows = tables(article)
        if rows != want["tables"]:
            found.append((4, path, f"table rows {rows}, a row per record (and the header) is {want['tables']}"))
        found += [(4, path, f"a broken table row left as text: {row!r}") for row in leftover_rows(article, values)]
        added, lacking = compared(want["elements"], article)
        for element in added:
            inside = [element, *(e for e in element.iterdescendants() if isinstance(e.tag, str))]
            prop = 3 if any("style" in e.attrib for e in inside) else 5 if {e.tag for e in inside} & STRUCTURE else 6
            found.append((prop, path, f"an element the template does not make: {excerpt(element)}"))
        if lacking:
            found.append((6, path, f"elements the template makes are gone: {' '.join(lacking[:12])}"))
    return found


def report(found: list[tuple[int, str, str]], per_property: int = 6) -> str:
    """The violations, grouped by property, a few of each."""
    lines = []
    for prop in sorted({p for p, _, _ in found}):
        mine = [(path, what) for p, path, what in found if p == prop]
        lines.append(f"property {prop} ({PROPERTY_NAMES[prop]}): {len(mine)} violation(s), on {len({p for p, _ in mine})} page(s)")
        lines += [f"    {path}: {what}" for path, what in mine[:per_property]]
    return "\n".join(lines)


class Baseline(dict):
    """Each page of the benign build → its tables' row counts and its elements (short when printed)."""

    def __repr__(self) -> str:
        return f"<the benign build: {len(self)} pages>"


def describe(site: Path) -> Baseline:
    """What the properties compare against: each page's tables and elements."""
    out = Baseline()
    for path, page in pages(site).items():
        article = content(page)
        out[path] = {"tables": tables(article) if article is not None else [],
                     "elements": [token(e) for e in outside_bodies(article)] if article is not None else []}
    return out


# ---------------------------------------------------------------- the benign build

@pytest.fixture(scope="module")
def benign_site(tmp_path_factory) -> Path:
    """The site built with every value benign: the pages as the templates make them."""
    project = new_project(tmp_path_factory.mktemp("benign") / "project")
    assert build(project, make_cycle(benign)) == []
    return project / "site"


@pytest.fixture(scope="module")
def baseline(benign_site) -> Baseline:
    return describe(benign_site)


def test_the_benign_build_breaks_no_property(benign_site, baseline):
    """The checks see nothing wrong in the templates' own pages (the theme's markup included)."""
    found = violations(benign_site, baseline, [])
    assert not found, report(found)


def test_the_benign_build_lists_every_record(baseline):
    """The tables property 4 counts: one row per record, and the header."""
    expect = {
        "notices/": [NOTICES + 1], "en/notices/": [NOTICES + 1],
        "winners/": [WINNERS + 1, 2], "en/winners/": [WINNERS + 1, 2],  # winners; counts (none: one empty row)
        "revocations/": [REVOCATIONS + 1], "en/revocations/": [REVOCATIONS + 1],
        "cities/example/": [NOTICES + 1, WINNERS + 1], "en/cities/example/": [NOTICES + 1, WINNERS + 1],
    }
    cycle = make_cycle(benign)
    for lang in ("", "en/"):
        # holders, past winners (the revoked), the winners' corrections
        corrected = sum(len(w["corrections"]) for w in cycle["winners"])
        expect[f"{lang}winners/example/"] = [WINNERS - REVOCATIONS + 1, REVOCATIONS + 1, corrected + 1]
        for i, notice in enumerate(cycle["notices"]):
            expect[f"{lang}notices/example/{CYCLE}/n{i}/"] = [len(notice["corrections"]) + 1]
    for path, rows in expect.items():
        assert baseline[path]["tables"] == rows, path
    for path, described in baseline.items():
        assert described["elements"].count("h1") <= 1, path  # a page's one title (none on the search page)


# ---------------------------------------------------------------- hostile values

PIECES = [
    "![x](https://evil.invalid/a.png)", "{: onerror=alert(1) }", "{: style=position:fixed }", "[x](javascript:alert(1))",
    "<script>alert(1)</script>", "<script>", "<img src=x onerror=alert(1)>", "| a | b |", "---", "===", "~~~", "```",
    "    indented", "> quote", "1. ", "- ", "* ", "+ ", "#", "## ", "!!! note", "[TOC]", "*[abbr]: x", "&#x3C;", "&lt;",
    "\\", '"', "'", "<", ">", "&", "*", "_", "`", "[", "]", "(", ")", "{", "}", "|", ":", "!", "{#id}", "<!-- x -->",
    "<https://evil.invalid/>", "[x]: javascript:alert(1)", "[y][x]", "{{ 7*7 }}", "{% raw %}", "\t", " ", "  ", "　",
    "<del>", "</del>", "</td>", "</table>", "<div markdown>", "</article>", "x", "示例",
    "![x](https://evil.invalid/q.png){: onerror=alert(1) }", "*x*{: tabindex=0 autofocus onfocus=alert(1) }",
    "[x](https://example.org/){: style=position:fixed;inset:0 }",
]
BREAKS = ["\n", "\n\n", "\n    ", "\n\t", "\n> ", "\n---\n", "\n===\n", "\n~~~\n", "\n```\n", "\n| x | y |\n", "\n\n| forged | row |",
          "\n- ", "\n1. ", "\n# ", "\n!!! note\n    ", "\n{: style=position:fixed }", "\n\u2028", "\u2029"]

# What the loader refuses in any value once issue 19 is fixed: C0 controls but tab and newline, DEL, C1
# controls, surrogates, noncharacters, and invisible formatting (zero-width, bidi controls, soft hyphen,
# Mongolian vowel separator, Hangul fillers, tags, the combining grapheme joiner); and, in a one-line
# field, any line break.
INVISIBLE = sorted(load.INVISIBLE)  # the loader's own list, so that "accepted" here is what it accepts
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(plane + c) for plane in (0, 0x10000, 0x10FFFF - 0xFFFF)
                                                          for c in (0xFFFE, 0xFFFF)]
REFUSED = ([chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
           + ["\ud800", "\udbff", "\udc00", "\udfff"] + NONCHARACTERS + INVISIBLE)
LINE_BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"]

# Random text of the characters every value may hold: no control, format (Cf), surrogate,
# private or unassigned character, none of the invisible fillers, no line break.
ordinary = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Cn", "Zl", "Zp"),
                         exclude_characters="".join(REFUSED))


def hostile(multi: bool, longest: int) -> st.SearchStrategy[str]:
    """A value that mixes Markdown and HTML constructs with random text (and, where the
    field may hold them, line breaks and blank lines)."""
    pieces = st.sampled_from(PIECES + BREAKS if multi else PIECES)
    return (st.lists(st.one_of(pieces, pieces, st.text(ordinary, min_size=1, max_size=6)), min_size=1, max_size=8)
            .map(lambda parts: "".join(parts)[:longest])
            .map(lambda value: value if value.strip() else value + "x")
            # a skeleton's placeholder is refused on purpose ("still a placeholder"); Hypothesis
            # draws the constants it finds in the code, this one among them
            .filter(lambda value: PLACEHOLDER_ZH not in value and PLACEHOLDER_EN not in value))


ONE_LINE, MULTI_LINE = hostile(False, 150), hostile(True, 400)
POOL = 12  # hostile values of each kind an example draws; every field takes one of them (Hypothesis
#           bounds what one example may draw, and there are nearly 300 fields)


def hostile_cycle(data) -> tuple[dict, list[str]]:
    """A cycle with a hostile value for every free-text field, each labelled with its place when reported."""
    one_line = data.draw(st.lists(ONE_LINE, min_size=POOL, max_size=POOL), label="one-line values")
    multi_line = data.draw(st.lists(MULTI_LINE, min_size=POOL, max_size=POOL), label="multi-line values")

    def draw(place: str, multi: bool) -> str:
        return data.draw(st.sampled_from(multi_line if multi else one_line), label=place)

    return make_cycle(draw), one_line + multi_line


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return new_project(tmp_path_factory.mktemp("hostile") / "project")


def assert_stays_text(project: Path, baseline: dict, cycle: dict, values: list[str]) -> None:
    """Accepted values build, and the built pages break no property."""
    stopped = build(project, cycle)
    assert not stopped, "accepted values did not build:\n" + "\n".join(stopped[:20])
    found = violations(project / "site", baseline, values)
    assert not found, report(found)


# A build takes seconds, so a failing example is not shrunk (the report names every hole it found).
BUILDS = settings(deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(BUILDS, max_examples=SHORT)
@given(data=st.data())
def test_hostile_values_in_every_field_stay_text(project, baseline, data):
    assert_stays_text(project, baseline, *hostile_cycle(data))


@pytest.mark.fuzz
@settings(BUILDS, max_examples=LONG)
@given(data=st.data())
def test_long_fuzz_of_hostile_values_in_every_field(project, baseline, data):
    assert_stays_text(project, baseline, *hostile_cycle(data))


# ---------------------------------------------------------------- the issue's payloads

ONFOCUS = "{: tabindex=0 autofocus onfocus=alert(1) }"
STYLE = "{: style=position:fixed;inset:0;z-index:9999 }"
ISSUE_PAYLOADS = {  # multi-line fields: accepted, so built
    "notices[0].corrections[0].was": "![x](https://evil.invalid/q04.png){: onerror=alert(1) }",
    "winners[0].corrections[0].was": "![x](https://evil.invalid/q04.png){: onerror=alert(1) }",
    "notices[1].corrections[0].was": f"旧的标题\n第二行\n{ONFOCUS}",
    "winners[2].corrections[0].was": f"旧的名称\n[第二行](https://example.org/){ONFOCUS}",
    "winners[3].corrections[0].was": f"Old name *x*{ONFOCUS}",
    "winners[1].corrections[0].was": "[x](javascript:alert(1))",
    "notices[2].corrections[0].was": f"[x](https://example.org/){STYLE}",
    "notices[3].corrections[0].was": f"旧文字\n{STYLE}",
    "revocations[0].reason.zh": "以欺骗手段获奖\n\n| forged | row |",
    "revocations[0].reason.en": "Obtained by deceit\n\n| forged | row |",
    "notes.zh": "Title\n===",
    "notes.en": "Notes\n\n~~~\nfenced\n~~~\n\n    indented line one\n    indented line two",
    "notices[1].objection.how.zh": "~~~\n书面提出\n~~~",
    "notices[2].objection.address.en": "    1 Example Road\n    Example City",
    "notices[2].corrections[0].why.en": "[x](javascript:alert(1))",
}
ONE_LINE_PAYLOADS = {  # a line break in a one-line field: the fixed loader refuses it; until then it must stay text
    "winners[0].sector.zh": "制造业\n---",
    "winners[2].sector.en": "Manufacturing\n---\nmore",
}


def with_payloads(payloads: dict[str, str]) -> Text:
    def text(place: str, multi: bool) -> str:
        return payloads.get(place, benign(place, multi))
    return text


def test_the_payloads_sit_in_fields_of_the_cycle():
    assert set(ISSUE_PAYLOADS) | set(ONE_LINE_PAYLOADS) <= set(PLACES)
    assert all(PLACES[p] for p in ISSUE_PAYLOADS) and not any(PLACES[p] for p in ONE_LINE_PAYLOADS)


@pytest.fixture(scope="module")
def issue_holes(tmp_path_factory, baseline) -> list[tuple[int, str, str]]:
    """The site built with the issue's payloads in their fields, and what breaks the properties there."""
    project = new_project(tmp_path_factory.mktemp("issue") / "project")
    stopped = build(project, make_cycle(with_payloads(ISSUE_PAYLOADS)))
    assert not stopped, "\n".join(stopped)
    return violations(project / "site", baseline, list(ISSUE_PAYLOADS.values()))


@pytest.mark.parametrize("prop", sorted(PROPERTY_NAMES), ids=lambda p: f"{p}-{PROPERTY_NAMES[p]}")
def test_the_issue_payloads_leave_no_hole(issue_holes, prop):
    found = [hole for hole in issue_holes if hole[0] == prop]
    assert not found, report(found, per_property=20)


def test_a_line_break_in_a_one_line_field_is_refused_or_stays_text(tmp_path, baseline):
    project = new_project(tmp_path / "project")
    stopped = build(project, make_cycle(with_payloads(ONE_LINE_PAYLOADS)))
    if stopped:
        assert_cleanly_refused(stopped)
        return
    found = violations(project / "site", baseline, list(ONE_LINE_PAYLOADS.values()))
    assert not found, report(found)


# ---------------------------------------------------------------- refused values

def check(project: Path) -> tuple[int, str]:
    """`awardsite check` in-process, as a clerk runs it in the project: (exit status, standard error)."""
    from generator.cli import main

    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["check", "--today", TODAY.isoformat()])
    finally:
        os.chdir(cwd)
        gc.unfreeze()  # check freezes what it gathered, as the command lives no longer than that
    return status, err.getvalue()


def lines_of(text: str, place: str) -> range:
    """The lines a value spans in the YAML `text` (its place as `winners[2].name.zh`)."""
    node = yaml.compose(text)
    for part in re.findall(r"[^.\[\]]+", place):
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(part)]
        else:
            node = next(v for k, v in node.value if k.value == part)
    return range(node.start_mark.line + 1, node.end_mark.line + 2)


@st.composite
def refused_value(draw) -> tuple[str, str]:
    """A field, and a value for it holding a character the loader refuses there."""
    place = draw(st.sampled_from(sorted(PLACES)))
    bad = draw(st.sampled_from(REFUSED + ([] if PLACES[place] else LINE_BREAKS)))
    around = st.text(ordinary, max_size=6)
    return place, draw(around) + bad + draw(around) + "x"


@pytest.fixture(scope="module")
def refusing(tmp_path_factory) -> Path:
    return new_project(tmp_path_factory.mktemp("refused") / "project")


def check_refused(project: Path, place: str, value: str) -> None:
    written = cycle_yaml(make_cycle(with_payloads({place: value})))
    (project / CYCLE_FILE).write_text(written, encoding="utf-8")  # a surrogate is written as YAML's \uD800
    status, err = check(project)
    assert "Traceback" not in err
    err.encode("utf-8")  # what it says can be printed (a lone surrogate quoted back could not)
    assert status == 1, f"{place}: {value!r} was accepted"
    lines = err.splitlines()
    assert lines[-1].endswith("problem(s); the site was not changed"), err
    for line in lines[:-1]:
        assert LOCATED.match(line) and " | " in line, line
    spans = lines_of(written, place)
    at = [int(line.split(":")[1]) for line in lines[:-1] if line.startswith(f"{CYCLE_FILE}:")]
    assert any(n in spans for n in at), f"{place}: no problem on lines {spans.start}–{spans.stop - 1} of {CYCLE_FILE}\n{err}"


CHECKS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(CHECKS, max_examples=3 * SHORT)
@given(case=refused_value())
def test_refused_values_give_a_located_problem_and_no_traceback(refusing, case):
    check_refused(refusing, *case)


@pytest.mark.parametrize("place, value", [
    ("notices[0].title.zh", "标题\u202e反转"), ("winners[0].name.zh", "示例\u200b公司"), ("notes.en", "a\x85b"),
    ("notices[0].body.en", "a\x1bb"), ("winners[1].employer.en", "a\u00adb"), ("revocations[0].reason.zh", "a\U000e0041b"),
    ("sources[0].title.en", "a\nb"), ("winners[0].sector.zh", "制造业\n---"), ("notices[4].objection.email", "a\u2028b"),
    ("notices[1].document", "a\ufdd0b"), ("notices[1].corrections[0].was", "a\ud800b"),
])
def test_each_kind_of_refused_character_is_located(refusing, place, value):
    check_refused(refusing, place, value)


@pytest.mark.parametrize("place, value", [
    ("notices[2].objection.phone", "0000-\ud800"),  # a surrogate: check lets it through, writing the page fails
    ("notes.zh", "说明\x85"),  # a C1 control: built as if it were text
])
def test_awardsite_build_stops_cleanly_on_a_refused_value(tmp_path, place, value):
    """The command itself, as a clerk runs it: exit 1, the located problems, no traceback, no site."""
    project = new_project(tmp_path / "project")
    (project / CYCLE_FILE).write_text(cycle_yaml(make_cycle(with_payloads({place: value}))), encoding="utf-8")
    result = run_cli("build", "--today", TODAY.isoformat(), cwd=project)
    assert "Traceback" not in result.stderr, result.stderr[-1500:]
    assert result.returncode == 1, f"{place}: {value!r} was built"
    *problems, summary = result.stderr.splitlines()
    assert_cleanly_refused(problems)
    assert summary.endswith("problem(s); the site was not changed") and not (project / "site").exists()


@pytest.mark.fuzz
@settings(CHECKS, max_examples=3 * LONG)
@given(case=refused_value())
def test_long_fuzz_of_refused_values(refusing, case):
    check_refused(refusing, *case)
