"""The regulations as data are faithful: the Chinese is the official text, every unit
has English, every coded fact's quote stands in the article it cites."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SHARED
from generator.collect import gather
from generator.text import articles, rebuild_zh, unit_zh

CORPUS = gather(ROOT)
WITH_TEXT = [(c, r) for c in CORPUS.cities for r in CORPUS.cities[c].regulations if r.text]
IDS = [f"{c}-{r.version}" for c, r in WITH_TEXT]


def without_layout(text: str) -> str:
    text = re.sub(r"(?m)^\s*- ", "", text)  # list markers left by the conversion to text (Linyi art. 28)
    return re.sub(r"\s+", "", text)


def test_all_five_official_texts_are_held():
    held = sorted(reg.source_file for _, reg in WITH_TEXT)
    assert held == sorted(p.name for p in (SHARED / "regulations").glob("*.txt"))


@pytest.mark.parametrize("city,reg", WITH_TEXT, ids=IDS)
def test_rebuilt_text_is_the_official_text(city, reg):
    official = (SHARED / "regulations" / reg.source_file).read_text(encoding="utf-8")
    assert without_layout(rebuild_zh(reg.text)) == without_layout(official)


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
