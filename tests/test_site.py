"""The built site: both languages, every article anchored, the switcher keeps the
reader's page, a failed build leaves the last good site, the same input gives the
same bytes."""

from __future__ import annotations

import datetime as dt

import hashlib
import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_cli, run_cli_process
from generator.text import articles


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_both_language_roots_exist(built_site):
    home_zh, home_en = page(built_site, ""), page(built_site, "en")
    assert home_zh.html["lang"] == "zh" and home_en.html["lang"] == "en"
    assert home_zh.h1.get_text(strip=True).startswith("市长质量奖公开信息平台")
    assert home_en.h1.get_text(strip=True).startswith("Mayor's Quality Award: the public record")


def test_home_lists_every_city_with_its_status(built_site):
    table = page(built_site, "en").find(id="regulations").find_next("table")
    rows = {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[2].get_text(strip=True)
            for tr in table.find_all("tr")[1:]}
    assert rows == {"Baotou": "In force", "Hohhot": "In force", "Linyi": "Expired",
                    "Wuhan": "Draft for comment", "Xinyang": "In force"}


def test_regulation_statuses_follow_the_day(built_site):
    rows = page(built_site, "en/regulations").find_all("tr")
    status = {tr.find("a")["href"].strip("/"): tr.find_all("td")[2].get_text(strip=True)
              for tr in rows if tr.find("a")}
    expected = {"baotou/2025": "In force", "baotou/2024": "Superseded", "hohhot/2013": "In force",
                "linyi/2017": "Expired", "linyi/2009": "Superseded", "wuhan/draft": "Draft for comment",
                "wuhan/2022": "Status unknown", "wuhan/2010": "Superseded",
                "xinyang/2022": "In force", "xinyang/2009": "Superseded"}
    assert {path: status[path] for path in expected} == expected


def test_every_article_has_its_stable_anchor_in_both_languages(built_site, demo_corpus):
    for city, info in demo_corpus.cities.items():
        for reg in info.regulations:
            if reg.text is None:
                continue
            wanted = {f"art-{a.number}" for a in articles(reg.text)}
            for prefix in ("", "en/"):
                soup = page(built_site, f"{prefix}regulations/{city}/{reg.version}")
                ids = {tag["id"] for tag in soup.find_all(id=True)}
                assert wanted <= ids, (city, prefix, sorted(wanted - ids)[:5])
                headings = [h.get("id", "") for h in soup.find_all(["h1", "h2", "h3", "h4"])]
                assert not [i for i in headings if not i or i.startswith("_")], "a heading without an explicit anchor"


def test_xinyang_reads_in_chinese_at_root_and_english_under_en(built_site):
    zh = page(built_site, "regulations/xinyang/2022")
    en = page(built_site, "en/regulations/xinyang/2022")
    assert zh.find(id="art-33").get_text(strip=True).startswith("第三十三条")
    assert "以欺骗、贿赂等不正当手段获奖的单位(组织)" in zh.find(id="art-33-p1").get_text()
    assert en.find(id="art-33").get_text(strip=True).startswith("Article 33")
    assert "bribery" in en.find(id="art-33-p1").get_text()
    assert "unofficial" in en.find(class_="translation-notice").get_text()
    assert "第三十三条" in en.find(id="art-33").find_next("details", class_="original").get_text()
    assert "信政文〔2022〕49号" in zh.find(class_="reg-meta").get_text()


def test_each_official_text_has_its_page_in_both_languages_shown_verbatim_and_offered_as_it_is(built_site, demo_corpus):
    shown = []
    for city, info in demo_corpus.cities.items():
        for reg in info.regulations:
            folder = f"regulations/{city}/{reg.version}/source"
            if reg.source_file is None:
                assert not (built_site / folder).exists() and not (built_site / "en" / folder).exists()
                continue
            held = (ROOT / "city_rules" / city / reg.source_file).read_bytes()
            for prefix, link_text in (("", "原文"), ("en/", "Official source text")):
                soup = page(built_site, prefix + folder)
                article = soup.find("article")
                [pre] = article.find_all("pre")
                assert pre["lang"] == "zh" and soup.html["lang"] == (prefix.strip("/") or "zh")
                assert pre.get_text().removeprefix("\n") == held.decode("utf-8")  # a browser drops the newline after <pre>
                download = article.find("a", download=True)
                assert (built_site / prefix / folder / download["href"]).resolve().read_bytes() == held
                if reg.source_url:
                    assert article.find("a", href=reg.source_url) is not None
                regulation = page(built_site, f"{prefix}regulations/{city}/{reg.version}").find(class_="reg-meta")
                assert regulation.find("a", string=link_text)["href"] == "source/"
                if reg.text is not None:
                    parallel = page(built_site, f"{prefix}regulations/{city}/{reg.version}/parallel").find(class_="reg-meta")
                    assert parallel.find("a", string=link_text)["href"] == "../source/"
            shown.append(f"{city}/{reg.version}")
    assert shown == ["baotou/2025", "hohhot/2013", "linyi/2017", "wuhan/draft", "xinyang/2022"]
    en = page(built_site, "en/regulations/xinyang/2022/source").find("article")
    assert en.h1.get_text().rstrip("¶").strip() == "Xinyang Administrative Measures for the Mayor's Quality Award: the official Chinese text"
    assert "the official Chinese original" in en.find(class_="translation-notice").get_text()
    assert page(built_site, "regulations/xinyang/2022/source").h1.get_text().rstrip("¶").strip() == "信阳市市长质量奖管理办法（原文）"


def test_language_switcher_keeps_the_reader_on_the_same_page(built_site):
    soup = page(built_site, "regulations/xinyang/2022")
    links = {a.get("hreflang"): a["href"] for a in soup.select("a.md-select__link")}
    assert links["en"].rstrip("/").endswith("en/regulations/xinyang/2022")
    soup = page(built_site, "en/regulations/xinyang/2022")
    links = {a.get("hreflang"): a["href"] for a in soup.select("a.md-select__link")}
    assert links["zh"].rstrip("/").endswith("regulations/xinyang/2022") and "/en/" not in links["zh"]


def test_each_language_root_has_a_sitemap(built_site):
    assert (built_site / "sitemap.xml").is_file()
    assert (built_site / "en" / "sitemap.xml").is_file()


def test_navigation_lists_sections_not_records(built_site):
    nav = page(built_site, "en").select("nav.md-nav--primary a.md-nav__link")
    hrefs = {a["href"] for a in nav}
    assert not [h for h in hrefs if "xinyang" in h or "2022" in h]


def test_no_page_loads_anything_from_another_host(built_site):
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        # what a browser loads: scripts, images, frames, and stylesheets or icons
        # (canonical and alternate links name pages; nothing is fetched for them)
        loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        loaded += [tag.get("href") for tag in soup.find_all("link") if not {"canonical", "alternate"} & set(tag.get("rel", []))]
        for url in filter(None, loaded):
            assert not url.startswith(("http:", "https:", "//")), (html, url)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    assert run_cli("build", "--today", "2026-11-23", cwd=project).returncode == 0
    before = digest(project / "site")
    bad = project / "city_rules/xinyang/2022.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("issued: 2022-06-29", "issued: 2022-06-31"), encoding="utf-8")
    result = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert result.returncode == 1
    assert "city_rules/xinyang/2022.yaml:" in result.stderr and "2022-06-31" in result.stderr
    assert digest(project / "site") == before


def test_same_input_and_day_give_the_same_bytes(tmp_path, built_site, demo_corpus):
    """Built again in a process of its own (another hash seed: set and dict orders may differ), then again there."""
    project = copy_project(tmp_path / "project", examples=True)
    assert run_cli_process("build", cwd=project, env={"AWARDSITE_TODAY": "2026-11-23"}).returncode == 0
    assert digest(project / "site") == digest(built_site)
    # the award-cycle pages are among them: every notice page, each city's cycles and winners
    pages = set(digest(built_site))
    for city, info in demo_corpus.cities.items():
        assert f"cities/{city}/index.html" in pages and f"en/winners/{city}/index.html" in pages
        for cycle in info.cycles:
            for notice in (n for n in cycle.notices if n.published <= dt.date(2026, 11, 23)):  # the later ones are scheduled
                assert f"notices/{city}/{cycle.cycle}/{notice.id}/index.html" in pages
                assert f"en/notices/{city}/{cycle.cycle}/{notice.id}/index.html" in pages
    # files touched (same bytes, new modification times) and a fresh docs folder: same bytes again
    shutil.rmtree(project / "build")
    later = 2_000_000_000
    for path in [*project.rglob("*.yaml"), *project.rglob("*.md"), *project.rglob("*.j2")]:
        os.utime(path, (later, later))
    assert run_cli_process("build", cwd=project, env={"AWARDSITE_TODAY": "2026-11-23"}).returncode == 0
    assert digest(project / "site") == digest(built_site)


def test_every_fact_citation_resolves_to_an_anchor_on_its_regulation_page(built_site, demo_corpus):
    from generator.text import anchor
    for city, info in demo_corpus.cities.items():
        for reg in info.regulations:
            if reg.text is None:
                continue
            ids = {tag["id"] for tag in page(built_site, f"regulations/{city}/{reg.version}").find_all(id=True)}
            for key, fact in reg.facts.items():
                for cite in fact.cite:
                    assert anchor(reg.text, cite) in ids, (city, key, cite)


def test_every_status_has_a_label_in_both_languages():
    from generator.derive import STATUSES
    from generator.render import load_strings
    strings = load_strings(ROOT / "site_templates")
    for status in STATUSES:
        assert strings.get(f"status.{status}", "zh") and strings.get(f"status.{status}", "en")


def test_every_page_has_one_heading_and_its_title_in_the_tab(built_site):
    for html in sorted(built_site.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        assert len(article.find_all("h1")) == 1, html
        leaked = [tag for tag in article.find_all(["p", "h1", "h2"]) if tag.get_text().lstrip().startswith("title:")]
        assert not leaked, f"front matter leaked into {html}"
        assert soup.title.get_text().startswith(article.h1.get_text().rstrip("¶").strip()), html


def test_each_language_has_its_own_search_index_of_its_own_pages(built_site):
    """Pagefind makes one index per language from <html lang>; it indexes exactly the pages
    marked data-pagefind-body, and not the parallel and source-text pages (pagefind: false); a
    comparison topic page is indexed (its quoted articles are not: generator/site.py)."""
    import json
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = {"zh": 0, "en": 0}
    for html in built_site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if "data-pagefind-body" in text:
            indexed["en" if html.relative_to(built_site).parts[0] == "en" else "zh"] += 1
            assert ('<html lang="en"' in text) == (html.relative_to(built_site).parts[0] == "en"), html
    assert indexed["zh"] > 50 and indexed["en"] > 50
    assert {lang: entry["languages"][lang]["page_count"] for lang in indexed} == indexed
    assert "data-pagefind-body" in (built_site / "en/compare/application_materials/index.html").read_text(encoding="utf-8")
    for excluded in ("en/regulations/xinyang/2022/parallel/index.html",
                     "regulations/xinyang/2022/source/index.html", "en/regulations/xinyang/2022/source/index.html"):
        assert "data-pagefind-body" not in (built_site / excluded).read_text(encoding="utf-8"), excluded




def test_a_count_of_winners_is_a_line_below_the_table_not_a_row_of_it(built_site):
    """Hohhot's example 2021: one winner named, and "3 in all" from the source."""
    article = BeautifulSoup((built_site / "en/cities/hohhot/index.html").read_text(encoding="utf-8"), "html.parser").find("article")
    [count] = [li for li in article.find_all("li") if "3 in all" in li.get_text()]
    assert count.find_parent("table") is None
    assert not [td for td in article.find_all("td") if "in all" in td.get_text()]


def test_a_ban_counted_from_the_act_is_pointed_to_not_called_none(built_site):
    """Baotou bars for three years from the act (art. 17), not from the revocation (art. 30,
    31): the revocations page says there is no period from the revocation and links to the rule."""
    for lang, words in (("", "无自撤销起算的期限；见办法的规定"), ("en/", "no period counted from the revocation; see what the regulation says")):
        article = BeautifulSoup((built_site / f"{lang}revocations/index.html").read_text(encoding="utf-8"), "html.parser").find("article")
        [link] = [a for a in article.find_all("a") if a.get_text() == words]
        assert link["href"] == "../compare/revocation_ban/#baotou"


def test_each_guide_leads_to_the_latest_call_and_what_is_open(built_site):
    """Issue 17 item 5: the guide says the dates are set by each year's call; it links to it."""
    for lang, latest in (("", "最近的申报通知"), ("en/", "Latest call for applications")):
        page = BeautifulSoup((built_site / f"{lang}guides/wuhan/index.html").read_text(encoding="utf-8"), "html.parser")
        dates = page.find(id="dates").find_next("ul")
        first = dates.find("li")
        assert latest in first.get_text()
        assert first.find("a", href="../../notices/wuhan/example-2026/call/")
        assert dates.find("a", href="../../cities/wuhan/")
