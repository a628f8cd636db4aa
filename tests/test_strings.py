"""The interface's words (site_templates/strings.yaml, the one label table): every key a
template or the generator (the feeds and calendars, `check`) asks for is there in both
languages, and every key there is asked for by something — a template, the generator, or a
template building the key from a prefix (`t("status." ~ view.status)`) or a suffix
(`t(name ~ "_latest_intro")`)."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

STRINGS = yaml.safe_load((ROOT / "site_templates" / "strings.yaml").read_text(encoding="utf-8"))
TEMPLATES = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "site_templates").glob("*.j2")))
CODE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "generator").glob("*.py")))
READERS = TEMPLATES + CODE


def test_every_key_a_template_asks_for_is_there_in_both_languages():
    asked = set(re.findall(r"""\bt\(\s*["']([a-z_][a-z_.]*[a-z_])["']""", TEMPLATES))
    assert asked
    assert sorted(asked - set(STRINGS)) == []
    assert [key for key, text in STRINGS.items() if set(text) != {"zh", "en"} or not all(text.values())] == []


def test_every_key_the_generator_asks_for_is_there():
    """`strings.get(key, lang)`, `strings.words(key)` (words.Strings) and check's `mark(key)`."""
    asked = set(re.findall(r"""\b(?:strings\.(?:get|words)|mark)\(\s*["']([a-z_][a-z_.]*[a-z_])["']""", CODE))
    assert {"feed.title", "calendar.name", "check.example"} <= asked
    assert sorted(asked - set(STRINGS)) == []


def test_every_key_is_asked_for():
    prefixes = set(re.findall(r"""["']([a-z_]+(?:\.[a-z_]+)*\.)["']\s*~""", READERS))  # t("status." ~ view.status)
    suffixes = set(re.findall(r"""~\s*["'](_[a-z_]+)["']""", READERS))  # t(name ~ "_latest_intro")
    assert prefixes and suffixes
    unused = [key for key in STRINGS if not re.search(rf"""["']{re.escape(key)}["']""", READERS)
              and not key.startswith(tuple(prefixes)) and not key.endswith(tuple(suffixes))]
    assert unused == []
