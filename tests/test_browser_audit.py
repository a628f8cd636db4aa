"""Axe's audit of the key pages in both languages, on a desktop and a phone (no serious
or critical violation; its findings are kept in tests/screenshots/issue5-axe.json), and
a notice and a regulation printed without the site around them (issue 5)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import NOTICE, SHOTS, new_page, save_figures

pytestmark = pytest.mark.browser
AUDITED = ["", "regulations/xinyang/2022/", "compare/", NOTICE, "winners/", "guides/xinyang/", "data/", "search/?q=公示"]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(browser, origin, path, lang, width):
    page = new_page(browser, width)
    page.goto(origin + lang + path)
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    page.close()
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
    save_figures("axe", f"{lang + path} @{width}", {"counts": counts, "rules": sorted({v["id"] for v in violations})})
    print(f"{lang + path or '/'} @{width}: {counts} {sorted({v['id'] for v in violations})}")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("path", [NOTICE, "regulations/xinyang/2022/", "en/" + NOTICE, "en/regulations/xinyang/2022/"])
def test_a_notice_and_a_regulation_print_without_the_site_around_them(browser, origin, path):
    page = new_page(browser, 794, 1123)  # A4 at 96 dpi
    page.goto(origin + path)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".site-search-form", ".md-footer", ".subscribe"):
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome
    assert page.locator("h1").first.is_visible()
    assert page.locator("article").first.bounding_box()["width"] >= 600  # the text takes the page
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} prints wider than the page by {overflow}px"
    for element in page.locator("article details").all():
        assert page.evaluate("d => getComputedStyle(d.lastElementChild).display", element.element_handle()) != "none"
        assert element.locator(":scope > :not(summary)").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"print_{path.strip('/').replace('/', '_')}.png", full_page=True)
    page.close()
