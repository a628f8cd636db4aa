"""Choosing the cities to compare (issue 17): on the comparison and its topic pages the
reader ticks two or more cities and only theirs show, on a desktop and among a phone's
cards; the choice is kept in the address (?cities=a,b), so a reload, a shared link, a
row's topic and the language switcher open the same comparison; without a script the
whole table shows; it works the same with 333 cities. Served from a sub-path of another
port, as a mirror serves the site. Screenshots are left in tests/screenshots/chooser_*."""

from __future__ import annotations

import copy
import functools

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from browsing import SHOTS, new_page, open_page

pytestmark = pytest.mark.browser
LANGS = ["", "en/"]


def cities_of(page) -> list[str]:
    """The ids of the page's cities, in its order (the comparison's column heads)."""
    return page.eval_on_selector_all("table.compare thead th[data-city]", "ths => ths.map(th => th.dataset.city)")


def shown_columns(page) -> list[str]:
    """The cities whose columns show (on a phone the heads are hidden with the whole thead:
    the cards show the city above each answer, see shown_labels)."""
    return page.eval_on_selector_all("table.compare thead th[data-city]",
                                     "ths => ths.filter(th => !th.hidden).map(th => th.dataset.city)")


def shown_labels(page) -> list[str]:
    """The city names above the answers a reader sees (on a phone, the cards' labels)."""
    return page.eval_on_selector_all("table.compare tbody td", """tds => [...new Set(tds
        .filter(td => td.offsetParent !== null).map(td => td.dataset.label.split(' · ')[0]))]""")


def names(page, ids: list[str]) -> list[str]:
    return [page.get_attribute(f"table.compare thead th[data-city='{i}']", "data-name") for i in ids]


def tick(page, ids: list[str]) -> None:
    """Open the chooser, clear it and tick `ids`, as a reader does."""
    if page.get_attribute(".city-chooser__toggle", "aria-expanded") != "true":
        page.click(".city-chooser__toggle")
    page.get_by_role("button", name=page.get_attribute("#city-chooser", "data-clear")).click()
    for city in ids:
        page.check(f".city-chooser input[value='{city}']")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_choosing_two_cities_shows_only_theirs_and_a_reload_keeps_them(browser, origin, lang, width):
    page, trouble = open_page(browser, origin + lang + "compare/", width)
    every = cities_of(page)
    assert len(every) >= 2
    default = every if len(every) <= 6 else every[:4]  # a few cities all show; of many, the first four
    assert shown_columns(page) == default and shown_labels(page) == names(page, default)
    chosen = [every[1], every[-1]]
    tick(page, chosen)
    assert page.url == f"{origin}{lang}compare/?cities={chosen[0]},{chosen[1]}"
    assert shown_labels(page) == names(page, chosen), "the cards (phone) or columns (desktop) of the others are hidden"
    if width == 1280:
        assert shown_columns(page) == chosen
        assert page.locator("table.compare tr.group-row th").first.get_attribute("colspan") == "3"
    status = page.locator(".city-chooser__status").inner_text()
    assert "2" in status and str(len(every)) in status and all(n in status for n in names(page, chosen)), status
    page.screenshot(path=SHOTS / f"chooser_{lang.strip('/') or 'zh'}_{width}.png")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert shown_labels(page) == names(page, chosen)
    assert [b.get_attribute("value") for b in page.locator(".city-chooser input:checked").all()] != []
    assert sorted(b.get_attribute("value") for b in page.locator(".city-chooser input:checked").all()) == sorted(chosen)
    assert trouble == []
    page.close()


def test_show_all_and_clear(browser, origin):
    page, trouble = open_page(browser, origin + "en/compare/?cities=" + "nowhere")  # an unknown id is left out
    every = cities_of(page)
    page.click(".city-chooser__toggle")
    page.get_by_role("button", name="Show all").click()
    assert shown_columns(page) == every and page.url.endswith("compare/?cities=all")
    page.get_by_role("button", name="Clear").click()
    assert shown_columns(page) == [] and "?" not in page.url
    assert "Choose two or more cities" in page.locator(".city-chooser__status").inner_text()
    assert trouble == []


def test_without_a_script_the_whole_table_shows(browser, origin):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(origin + "compare/?cities=wuhan,xinyang")
    heads = page.locator("table.compare thead th[data-city]")
    assert heads.count() >= 2
    assert page.locator("table.compare tbody td").count() == heads.count() * page.locator("table.compare tbody th[scope=row]").count()
    assert all(td.is_visible() for td in page.locator("table.compare tbody tr:nth-child(2) td").all())
    assert page.locator("#city-chooser").is_hidden()
    context.close()


@pytest.mark.parametrize("start, other", [("compare/", "en/compare/"), ("en/compare/", "compare/")])
def test_the_language_switch_keeps_the_choice(browser, origin, start, other):
    page, trouble = open_page(browser, origin + start)
    every = cities_of(page)
    chosen = [every[0], every[-1]]
    tick(page, chosen)  # the address changes in place: the switcher must follow
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=%s]" % ("en" if other.startswith("en") else "zh")).click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{origin}{other}?cities={chosen[0]},{chosen[1]}"
    assert shown_columns(page) == chosen
    assert trouble == []


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_topic_page_shows_the_chosen_cities_and_leads_back_with_them(browser, origin, width):
    page, trouble = open_page(browser, origin + "en/compare/", width)
    every = cities_of(page)
    chosen = [every[0], every[2]]
    tick(page, chosen)
    with page.expect_navigation():  # a row's name leads to its topic, keeping the choice
        page.locator("table.compare tbody th[scope=row] a").first.click()
    page.wait_for_load_state("networkidle")
    assert f"?cities={chosen[0]},{chosen[1]}" in page.url
    sections = page.eval_on_selector_all("section.topic-city", "ss => ss.filter(s => s.offsetParent !== null).map(s => s.dataset.city)")
    assert sections == chosen
    if width == 1280:  # the table of contents lists the cities shown
        toc = page.eval_on_selector_all(".md-sidebar--secondary .md-nav--secondary > ul > li",
                                        "lis => lis.filter(li => li.offsetParent !== null).map(li => li.querySelector('a').hash)")
        assert toc == ["#" + city for city in chosen]
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the comparison").click()
    assert f"compare/?cities={chosen[0]},{chosen[1]}#" in page.url
    assert shown_columns(page) == chosen
    assert trouble == []


def test_the_chooser_is_used_with_the_keyboard(browser, origin):
    page, trouble = open_page(browser, origin + "en/compare/")
    every = cities_of(page)
    page.focus(".city-chooser__toggle")
    page.keyboard.press("Enter")
    assert page.locator(".city-chooser__fieldset").is_visible()
    page.keyboard.press("Tab")  # the filter (with many cities) or "Show all"
    while page.evaluate("document.activeElement.textContent") != "Clear":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert shown_columns(page) == []
    page.keyboard.press("Tab")  # the first city of the first province
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "focus is visible"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert len(shown_columns(page)) == 2 and set(shown_columns(page)) <= set(every)
    page.keyboard.press("Escape")  # closes the chooser, back on its button
    assert page.locator(".city-chooser__fieldset").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('city-chooser__toggle')")
    assert page.get_by_role("button", name="Choose cities", exact=True).get_attribute("aria-expanded") == "false"
    assert trouble == []


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["compare/", "en/compare/", "en/compare/quota/"])
def test_axe_finds_nothing_serious_with_the_chooser_open(browser, origin, path, width):
    page, trouble = open_page(browser, origin + path, width)
    page.click(".city-chooser__toggle")
    page.locator(".city-chooser__fieldset").wait_for(state="visible")
    # what a reader sees once the page is still: axe reads colours mid-animation otherwise
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert trouble == []


MANY = 333


@functools.cache  # the same page each time it is asked for: rebuilt once (a second each)
def with_many_cities(html: str) -> str:
    """The comparison as it will be with 333 cities: its columns repeated under new ids,
    names and provinces (a tenth of as many provinces as cities)."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", class_="compare")
    heads = table.thead.find_all("th", attrs={"data-city": True})
    rows = [tr for tr in table.tbody.find_all("tr") if tr.find("td")]
    for row in [table.thead.tr, *rows]:
        cells = row.find_all(["th", "td"], recursive=False)[1:]
        for cell in cells:
            cell.extract()
        for k in range(MANY):
            cell = copy.copy(cells[k % len(cells)])
            if cell.has_attr("data-city"):
                cell["data-city"], cell["data-name"] = f"city{k:03}", f"City {k:03}"
                cell["data-group"] = f"Province {k // 10:02}"
            row.append(cell)
    assert len(heads) and len(table.thead.find_all("th", attrs={"data-city": True})) == MANY
    return str(soup)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_it_works_the_same_with_333_cities(browser, origin, width):
    page = new_page(browser, width)
    url = origin + "en/compare/"

    def fulfil(route):
        response = route.fetch()
        route.fulfill(response=response, body=with_many_cities(response.text()))

    page.route(lambda address: address.split("?")[0] == url, fulfil)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert len(cities_of(page)) == MANY
    assert shown_columns(page) == ["city000", "city001", "city002", "city003"]  # none chosen: the first four
    assert page.locator(".city-chooser__status").inner_text().startswith(f"Showing 4 of {MANY} cities")
    page.click(".city-chooser__toggle")
    serious = [v["id"] for v in Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa"]}).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []  # the list of 333 scrolls in a box the keyboard reaches
    page.fill(".city-chooser input[type=search]", "province 07")  # the filter finds a province's cities
    visible = [text.strip() for text in page.locator(".city-chooser__city:visible").all_inner_texts()]  # one call, not 333
    assert visible == [f"City {k:03}" for k in range(70, 80)]
    page.check(".city-chooser input[value=city072]")
    page.fill(".city-chooser input[type=search]", "city 300")
    page.check(".city-chooser input[value=city300]")
    assert page.url.endswith("compare/?cities=city000,city001,city002,city003,city072,city300")
    page.screenshot(path=SHOTS / f"chooser_333_{width}.png")
    page.goto(url + "?cities=city072,city300")
    page.wait_for_load_state("networkidle")
    assert shown_columns(page) == ["city072", "city300"]
    assert len(shown_labels(page)) == 2
    page.close()
