"""The office workflow as a person sees it: the guide page in both languages on a
desktop and a phone, a notice with a correction, and `awardsite check`'s error as the
clerk reads it in her terminal. Screenshots are left in tests/screenshots/office_*.png."""

from __future__ import annotations

import html

import pytest

from conftest import copy_project, run_cli
from browsing import SHOTS, new_page, open_page
from test_office import CITY, CYCLE, ENV, FILE, TYPO_EXPECTED, fill

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_the_guide_page_reads_cleanly(browser, origin, lang, width):
    page, trouble = open_page(browser, origin + lang + "publish/", width)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"office_guide_{lang.strip('/') or 'zh'}_{width}.png", full_page=True)
    heading = page.locator("h1").first.inner_text()
    assert heading.startswith("如何发布公示" if not lang else "How to publish a publicity notice")
    assert any(TYPO_EXPECTED in text for text in page.locator("pre").all_inner_texts())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # code scrolls in its box
    assert trouble == []
    page.close()


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_a_corrected_notice_shows_its_history(browser, origin, lang):
    page, trouble = open_page(browser, origin + lang + "notices/xinyang/example-2026/acceptance-list/", 1280)
    page.screenshot(path=SHOTS / f"office_correction_{lang.strip('/') or 'zh'}_1280.png", full_page=True)
    assert page.locator(".corrected-banner").is_visible()
    assert "0000-0000000" in page.locator("article del").first.inner_text()
    assert trouble == []
    page.close()


def test_the_clerks_error_as_she_sees_it(browser, tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    run_cli("new", "cycle", "--city", CITY, "--cycle", CYCLE, cwd=project, env=ENV)
    run_cli("new", "notice", "--city", CITY, "--cycle", CYCLE, "--kind", "proposed_winners", cwd=project, env=ENV)
    path = project / FILE
    path.write_text(fill(path.read_text(encoding="utf-8")).replace("  working_days:", "  working_day:"), encoding="utf-8")
    result = run_cli("check", cwd=project, env=ENV)
    terminal = f"$ awardsite check\n{result.stderr}$ "
    page = new_page(browser, 1100, 200)
    page.set_content("<html><body style='margin:0;background:#1e1e1e'><pre style='margin:0;padding:16px;color:#e6e6e6;"
                     "font:15px/1.5 \"Noto Sans Mono CJK SC\",\"DejaVu Sans Mono\",monospace;white-space:pre-wrap'>"
                     f"{html.escape(terminal)}</pre></body></html>")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "office_check_error.png", full_page=True)
    assert TYPO_EXPECTED in page.locator("pre").inner_text()
    page.close()
