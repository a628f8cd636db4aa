"""A site cut by province (generator/paging.py), in Chromium: the notices filter works on a
province's page, and the comparison's chooser brings a city of another province's page
into the first page and its topics. Built once (`awardsite build`) from a synthetic
project just past the comparison's bound: 13 cities, the 13th in a province of its own."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_cli
from browsing import open_page, serve_folder

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate  # noqa: E402

pytestmark = pytest.mark.browser
MOUNT = "/mirror/awards/"


@pytest.fixture(scope="module")
def paged_origin(tmp_path_factory):
    root = generate(tmp_path_factory.mktemp("paged") / "project", 13, 7)  # 546 notices: past 500
    result = run_cli("build", cwd=root, env={"AWARDSITE_TODAY": "2026-11-23"})
    assert result.returncode == 0, result.stderr
    yield from serve_folder(root / "site", MOUNT)


def shown(page, selector: str) -> list[str]:
    return [el.get_attribute("data-city") for el in page.locator(selector).all() if el.is_visible()]


def test_the_notices_filter_works_on_a_provinces_page(browser, paged_origin):
    page, trouble = open_page(browser, paged_origin + "en/notices/province/synthetic-province-01/")
    rows = page.locator("tr:has(.row-key)")
    assert rows.count() == 12 * 7 * 6  # every notice of its twelve cities
    assert page.locator("select[data-filter=city] option").count() == 1 + 12
    page.select_option("select[data-filter=city]", "syn005")
    assert page.locator("tr:has(.row-key):visible").count() == 7 * 6
    assert trouble == []
    page.close()


def test_the_chooser_brings_a_city_from_another_provinces_page(browser, paged_origin):
    page, trouble = open_page(browser, paged_origin + "en/compare/")
    assert shown(page, "thead th[data-city]") == ["syn001", "syn002", "syn003", "syn004"]
    page.click(".city-chooser__toggle")
    assert page.locator(".city-chooser input[type=checkbox]").count() == 13  # the 13th is on its province's page
    page.check(".city-chooser input[value=syn013]")
    page.wait_for_selector("thead th[data-city=syn013]")
    assert shown(page, "thead th[data-city]") == ["syn001", "syn002", "syn003", "syn004", "syn013"]
    assert page.url.endswith("compare/?cities=syn001,syn002,syn003,syn004,syn013")
    cells = page.locator("tr:has(th#award_categories) td:visible")
    assert cells.count() == 5
    link = page.locator("thead th[data-city=syn013] a").first.get_attribute("href")
    assert link.startswith(paged_origin) and link.endswith("en/regulations/syn013/2022/")  # works from here
    # the choice opens as it was, and a row's topic shows the same cities
    page.goto(paged_origin + "en/compare/?cities=syn002,syn013")
    page.wait_for_selector("thead th[data-city=syn013]")
    assert shown(page, "thead th[data-city]") == ["syn002", "syn013"]
    page.click("th#award_categories a")
    page.wait_for_selector("section[data-city=syn013]")
    assert shown(page, "section[data-city]") == ["syn002", "syn013"]
    assert trouble == []
    page.close()
