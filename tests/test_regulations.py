"""The regulations as data are faithful: the Chinese is the official text (held beside
each version as `<version>.source.txt`), every unit has English, every coded fact's
quote stands in the article it cites."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_cli
from generator.collect import gather
from generator.text import articles, rebuild_zh, unit_zh

CORPUS = gather(ROOT)
WITH_TEXT = [(c, r) for c in CORPUS.cities for r in CORPUS.cities[c].regulations if r.text]
IDS = [f"{c}-{r.version}" for c, r in WITH_TEXT]


def without_layout(text: str) -> str:
    text = re.sub(r"(?m)^\s*- ", "", text)  # list markers left by the conversion to text (Linyi art. 28)
    return re.sub(r"\s+", "", text)


def test_every_held_official_text_is_used_by_exactly_one_version():
    held = sorted(p.relative_to(ROOT / "city_rules").as_posix() for p in (ROOT / "city_rules").glob("*/*.txt"))
    used = sorted(f"{c}/{r.source_file}" for c in CORPUS.cities for r in CORPUS.cities[c].regulations if r.source_file)
    assert used == held
    assert len(held) == 5
    assert [f"{c}/{r.version}" for c, r in WITH_TEXT if not r.source_file] == []  # every text has its original


@pytest.mark.parametrize("city,reg", WITH_TEXT, ids=IDS)
def test_rebuilt_text_is_the_official_text(city, reg):
    official = (ROOT / "city_rules" / city / reg.source_file).read_bytes().decode("utf-8")
    assert CORPUS.original(reg) == official
    assert without_layout(rebuild_zh(reg.text)) == without_layout(official)


@pytest.mark.parametrize("bad,message", [
    ("信阳".encode("gbk"), "原文文件 city_rules/example/2024.source.txt 不是 UTF-8 编码；请另存为 UTF-8"
                          " | the source text city_rules/example/2024.source.txt is not UTF-8; save it as UTF-8"),
    ("第一条\x02".encode(), "原文文件 city_rules/example/2024.source.txt 含有不可打印的控制字符 U+0002"
                          " | the source text city_rules/example/2024.source.txt contains the control character U+0002, which cannot be printed"),
], ids=["gbk", "control-character"])
def test_a_source_text_the_site_cannot_show_as_it_is_is_refused(scenario, bad, message):
    version = scenario / "city_rules" / "example" / "2024.yaml"
    version.write_text(version.read_text(encoding="utf-8") + "source_file: 2024.source.txt\n", encoding="utf-8")
    (version.parent / "2024.source.txt").write_bytes(bad)
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = len(version.read_text(encoding="utf-8").splitlines())
    assert result.stderr.splitlines()[0] == f"city_rules/example/2024.yaml:{line}:14: source_file: {message}"


@pytest.mark.parametrize("city,reg", WITH_TEXT, ids=IDS)
def test_every_unit_has_english(city, reg):
    text = reg.text
    units = [*text.front_matter, *text.heading, *text.back_matter]
    for chapter in text.chapters:
        units.append(chapter.title)
        for article in chapter.articles:
            for paragraph in article.paragraphs:
                units.append(paragraph)
                units.extend(paragraph.items)
    missing = [u.zh[:20] for u in units if not u.en.strip() or u.en.strip() == u.zh.strip()]
    assert missing == []


@pytest.mark.parametrize("city,reg", WITH_TEXT, ids=IDS)
def test_articles_are_numbered_in_order_without_gaps(city, reg):
    numbers = [a.number for a in articles(reg.text)]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("city,reg", WITH_TEXT, ids=IDS)
def test_every_dimension_is_coded_and_every_quote_is_in_its_article(city, reg):
    assert set(reg.facts) == {d.key for d in CORPUS.dimensions}
    for key, fact in reg.facts.items():
        for cite in fact.cite:
            assert cite.quote and cite.quote in unit_zh(reg.text, cite), (key, cite)


def test_each_city_shows_its_history():
    versions = {c: [r.version for r in CORPUS.cities[c].regulations] for c in CORPUS.cities}
    assert versions == {"baotou": ["2025", "2024"], "hohhot": ["2013"], "linyi": ["2017", "2009"],
                        "wuhan": ["draft"], "xinyang": ["2022", "2009"]}


def test_glossary_terms_are_unique():
    terms = [t.zh for t in CORPUS.glossary]
    assert len(terms) == len(set(terms))
