"""No page grows with the country (issue 18): past a bound, the notices, the winners and
the comparison keep a bounded part on their own page and list everything on one page per
province (generator/paging.py). Rendered in memory (pipeline.prepare/outputs), no mkdocs:
a synthetic project (benchmarks/synthetic.py) just past the default bounds, and the demo
with the bounds lowered."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sys

import pytest

from conftest import DEMO, ROOT
from generator import pipeline
from generator.paging import Bounds, plan
from generator.derive import compared_versions
from generator.render import render_site

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate  # noqa: E402

TODAY = dt.date(2026, 11, 23)
BOUNDS = Bounds()
LANGS = ("zh", "en")
_LINK = re.compile(r"\]\(([^)\s]+?\.md)(?:#([^)\s]*))?\)")
_ROW = re.compile(r'class="row-key"')
_COLUMN = re.compile(r'<th scope="col" data-city="([a-z0-9-]+)"')
_SECTION = re.compile(r'<section class="topic-city" data-city="([a-z0-9-]+)"')


def links(pages: dict[str, str], key: str) -> list[tuple[str, str]]:
    """The pages (keys) and anchors the page at `key` links to with Markdown links."""
    folder = posixpath.dirname(key)
    return [(posixpath.normpath(posixpath.join(folder, target)), anchor or "")
            for target, anchor in _LINK.findall(pages[key])]


def anchors(text: str) -> set[str]:
    return set(re.findall(r"\{#([^}\s]+)\}", text)) | set(re.findall(r'\bid="([^"]+)"', text))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """13 cities in two provinces (12 and 1), 7 cycles each: 546 notices, about 900
    winners and 13 compared jurisdictions, each just past its bound."""
    root = generate(tmp_path_factory.mktemp("paging") / "project", 13, 7)
    derived = pipeline.prepare(root, TODAY)
    pages, _ = pipeline.outputs(derived)
    return derived, pages


@pytest.fixture(scope="module")
def demo():
    """The demo with the bounds lowered: its real provinces, a few records each."""
    derived = pipeline.prepare(DEMO, TODAY)
    bounds = Bounds(list_up_to=3, latest=2, compare_up_to=2)
    pages = render_site(derived.corpus, TODAY, DEMO, derived.records, bounds=bounds)
    return derived, pages, bounds


def province_pages(pages: dict[str, str], lang: str, folder: str) -> list[str]:
    return sorted(key for key in pages if key.startswith(f"{lang}/{folder}/province/") and key.count("/") == 3)


def test_the_synthetic_project_is_past_every_bound(synthetic):
    derived, _ = synthetic
    paging = plan(derived.corpus, derived.records, compared_versions(derived.corpus, derived.records.regulations))
    assert paging.notices.paged and paging.winners.paged and paging.compare.paged
    assert [(slug, len(p.cities)) for slug, p in paging.provinces.items()] == [
        ("synthetic-province-01", 12), ("synthetic-province-02", 1)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_list_page_holds_more_than_its_bound(synthetic, lang):
    derived, pages = synthetic
    records = derived.records
    open_now = len([v for v in records.notices if v.status == "open"])
    assert len(_ROW.findall(pages[f"{lang}/notices/index.md"])) <= BOUNDS.latest + open_now
    winners_index = pages[f"{lang}/winners/index.md"]
    assert winners_index.count("status-winner-") <= BOUNDS.latest
    assert len(_COLUMN.findall(pages[f"{lang}/compare/index.md"])) == BOUNDS.compare_up_to
    for dimension in derived.corpus.dimensions:
        assert len(_SECTION.findall(pages[f"{lang}/compare/{dimension.key}.md"])) == BOUNDS.compare_up_to
    # a province's page holds its own cities' records, and no other
    paging = plan(derived.corpus, records, compared_versions(derived.corpus, records.regulations))
    for slug, province in paging.provinces.items():
        notices = pages[f"{lang}/notices/province/{slug}.md"]
        assert len(_ROW.findall(notices)) == sum(len(records.notices_of(city)) for city in province.cities)
        assert set(re.findall(r'data-city="([a-z0-9-]+)"', notices)) == set(province.cities)
        winners = pages[f"{lang}/winners/province/{slug}.md"]
        assert winners.count("status-winner-") == sum(len(records.winners_of(city)) for city in province.cities)
        assert set(_COLUMN.findall(pages[f"{lang}/compare/province/{slug}/index.md"])) == set(province.cities)


@pytest.mark.parametrize("lang", LANGS)
def test_every_notice_and_winner_is_linked_from_a_list_page(synthetic, lang):
    derived, pages = synthetic
    records = derived.records
    lists = [f"{lang}/notices/index.md", *province_pages(pages, lang, "notices")]
    assert len(lists) == 3  # the index and two provinces'
    linked = {target for page in lists for target, _ in links(pages, page)}
    assert {f"{lang}/{v.path}" for v in records.notices} <= linked
    # every winner is a row of its province's page, and every city's winners page is linked from the index
    shown = "".join(pages[page] for page in province_pages(pages, lang, "winners"))
    for w in records.winners.values():
        assert w.winner.name.zh in shown
    index = {target for target, _ in links(pages, f"{lang}/winners/index.md")}
    assert {f"{lang}/winners/{city}.md" for city in derived.corpus.cities} <= index
    # every compared jurisdiction has a column on a comparison page linked from compare/index
    linked = {target for target, _ in links(pages, f"{lang}/compare/index.md")}
    columns = {city for page in linked if page.startswith(f"{lang}/compare/province/") and page.endswith("/index.md")
               for city in _COLUMN.findall(pages[page])}
    assert columns == set(derived.corpus.cities)


@pytest.mark.parametrize("lang", LANGS)
def test_province_pages_are_in_both_languages_and_link_to_pages_that_exist(demo, lang):
    derived, pages, bounds = demo
    other = "en" if lang == "zh" else "zh"
    new = [key for key in pages if key.startswith(lang + "/") and "/province/" in key]
    assert new and {other + key[2:] for key in new} <= pages.keys()
    for key in new + [f"{lang}/{name}/index.md" for name in ("notices", "winners", "revocations", "compare")]:
        for target, anchor in links(pages, key):
            assert target in pages, f"{key} links to {target}, which is not a page"
            if anchor:
                assert anchor in anchors(pages[target]), f"{key} links to {target}#{anchor}, which has no such anchor"
    open_now = [v for v in derived.records.notices if v.status == "open"]
    assert len(_ROW.findall(pages[f"{lang}/notices/index.md"])) <= bounds.latest + len(open_now)
    assert len(_COLUMN.findall(pages[f"{lang}/compare/index.md"])) == bounds.compare_up_to


def table_rows(text: str) -> int:
    """The rows of the page's one table (its header and the line under it left out)."""
    return sum(1 for line in text.splitlines() if line.startswith("| ")) - 2


@pytest.mark.parametrize("lang", LANGS)
def test_revocations_past_the_bound_are_listed_by_province(demo, lang):
    derived, pages, bounds = demo
    revocations = derived.records.revocations
    assert len(revocations) > bounds.list_up_to
    assert table_rows(pages[f"{lang}/revocations/index.md"]) == bounds.latest
    by_province = [key for key in pages if key.startswith(f"{lang}/revocations/province/")]
    assert {target for target, _ in links(pages, f"{lang}/revocations/index.md")} >= set(by_province)
    assert sum(table_rows(pages[key]) for key in by_province) == len(revocations)


def test_links_to_a_citys_comparison_go_to_the_page_that_shows_it(demo):
    """A city's regulation, guide and ban links lead to the comparison that has its column
    (its province's, when the first page does not)."""
    _, pages, _ = demo
    for key, text in pages.items():
        for target, anchor in links(pages, key):
            if "/compare/" in target and anchor and target.rsplit("/", 1)[-1] != "index.md":
                assert anchor in anchors(pages[target]), f"{key} links to {target}#{anchor}, which has no such anchor"


def test_a_few_cities_keep_one_page_each():
    """Under the bounds (the demo, the real site) nothing is paged: no province page, and
    the lists hold every record."""
    derived = pipeline.prepare(DEMO, TODAY)
    pages, _ = pipeline.outputs(derived)
    assert not [key for key in pages if "/province/" in key]
    for lang in LANGS:
        assert len(_ROW.findall(pages[f"{lang}/notices/index.md"])) == len(derived.records.notices)
        assert pages[f"{lang}/winners/index.md"].count("status-winner-") == len(derived.records.winners)
