"""Comparing cities: the matrix has every question for every city, each answer linked to
its article; topic pages set the cited articles side by side with the quoted words
marked; each city's guide covers every step, every line cited; the side-by-side reading
mode pairs each unit's Chinese with its English; no link on the site leads nowhere."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import DEMO
from generator.collect import gather
from generator.derive import compared_versions, regulation_views
from generator.text import articles

CORPUS = gather(DEMO)  # the demo project: the example cycles
COLUMNS = compared_versions(CORPUS, regulation_views(CORPUS, __import__("datetime").date(2026, 11, 23)))
LANGS = ["", "en/"]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_each_city_is_compared_on_its_newest_full_text():
    assert [(v.reg.city, v.reg.version) for v in COLUMNS] == [
        ("baotou", "2025"), ("hohhot", "2013"), ("linyi", "2017"), ("wuhan", "draft"), ("xinyang", "2022")]


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_the_matrix_answers_every_question_for_every_city_with_a_cited_article(built_site, lang):
    table = page(built_site, f"{lang}compare").find("table", class_="compare")
    cities = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")[1:]]
    assert len(cities) == 5
    rows = [tr for tr in table.tbody.find_all("tr") if tr.find("th", scope="row")]
    assert len(rows) == len(CORPUS.dimensions) >= 35
    for row in rows:
        cells = row.find_all("td")
        assert len(cells) == 5, row.th.get_text()
        for cell in cells:
            assert cell.get_text(strip=True), (row.th.get_text(), cell)
            assert cell.get("data-label"), "a phone shows the city's name above each answer"
            if "not-specified" not in cell.get("class", []):
                links = [a["href"] for a in cell.find_all("a")]
                assert links and all("/regulations/" in h and "#art-" in h for h in links), (row.th.get_text(), links)


def test_a_silent_regulation_is_shown_as_not_specified_never_guessed(built_site):
    table = page(built_site, "en/compare").find("table", class_="compare")
    row = table.find("th", id="title_validity").parent
    answers = dict(zip(["baotou", "hohhot", "linyi", "wuhan", "xinyang"], (td.get_text(" ", strip=True) for td in row.find_all("td"))))
    assert answers["wuhan"] == "Not specified"
    assert "three years" in answers["hohhot"] or "3 years" in answers["hohhot"]


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_topic_pages_set_every_city_side_by_side_with_the_quoted_words_marked(built_site, lang):
    for dimension in CORPUS.dimensions:
        soup = page(built_site, f"{lang}compare/{dimension.key}")
        sections = soup.select("section.topic-city")
        assert len(sections) == 5, dimension.key
        for view, section in zip(COLUMNS, sections):
            fact = view.reg.facts[dimension.key]
            marked = " ".join(m.get_text() for m in section.find_all("mark"))
            for cite in fact.cite:
                assert cite.quote in marked, (dimension.key, view.reg.city, cite.quote)
            if fact.not_specified:
                assert section.find(class_="not-specified")


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_every_guide_covers_every_step_and_cites_every_line(built_site, lang):
    groups = list(dict.fromkeys(d.group for d in CORPUS.dimensions))
    for view in COLUMNS:
        soup = page(built_site, f"{lang}guides/{view.reg.city}")
        assert [h["id"] for h in soup.find("article").find_all("h2")] == ["dates", *groups]  # the dates, then every step
        for item in soup.select("ul.guide-list > li"):
            if "not-specified" in item.get("class", []):
                continue
            hrefs = [a["href"] for a in item.find_all("a")]
            assert any(f"regulations/{view.reg.city}/{view.reg.version}/#art-" in h for h in hrefs), item.get_text()[:60]


def test_a_guide_says_when_its_regulation_is_a_draft_or_expired(built_site):
    assert "draft for public comment" in page(built_site, "en/guides/wuhan").find(class_="admonition").get_text()
    assert "expired on 2022-08-31" in page(built_site, "en/guides/linyi").find(class_="admonition").get_text()
    assert page(built_site, "en/guides/xinyang").find(class_="admonition") is None


def test_the_eligibility_checklist_states_the_conditions(built_site):
    items = [li.get_text(" ", strip=True) for li in page(built_site, "guides/xinyang").select("ul.guide-eligibility > li")]
    assert any(text.startswith("最低经营年限") and "3年" in text for text in items), items


def test_side_by_side_reading_pairs_each_unit_with_its_translation(built_site):
    for view in COLUMNS:
        soup = page(built_site, f"regulations/{view.reg.city}/{view.reg.version}/parallel")
        for article in articles(view.reg.text):
            assert soup.find(id=f"art-{article.number}"), (view.reg.city, article.number)
            for number, paragraph in enumerate(article.paragraphs, 1):
                pair = soup.find(id=f"art-{article.number}-p{number}")
                zh, en = pair.find("p", lang="zh").get_text(), pair.find("p", lang="en").get_text()
                assert zh.endswith(paragraph.zh) and en.endswith(paragraph.en)
                for item in paragraph.items:
                    pair = soup.find(id=f"art-{article.number}-p{number}-{item.number}")
                    assert pair.find("p", lang="zh").get_text().endswith(item.zh)
                    assert pair.find("p", lang="en").get_text().endswith(item.en)


def test_no_link_on_the_site_leads_nowhere(built_site):
    """Every link between pages, citations included, reaches a page that exists and,
    where it names an anchor, an element with that id."""

    @lru_cache(maxsize=None)
    def ids_of(file: Path) -> frozenset[str]:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return frozenset(tag["id"] for tag in soup.find_all(id=True))

    broken, checked = [], 0
    for html in sorted(built_site.rglob("*.html")):
        url = "/" + html.relative_to(built_site).as_posix()
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or a["href"].startswith(("mailto:", "tel:")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(url), parts.path)) if parts.path else url
            file = built_site / target.lstrip("/")
            if file.is_dir() or parts.path.endswith("/"):
                file = file / "index.html"
            checked += 1
            if not file.is_file():
                broken.append(f"{url}: {a['href']} (no page)")
            elif parts.fragment and parts.fragment not in ids_of(file):
                broken.append(f"{url}: {a['href']} (no anchor)")
    assert checked > 5000
    assert broken == []
