"""The regulations as data are faithful: the Chinese is the official text (held beside
each version as `<version>.source.txt`), every unit has English, every coded fact's
quote stands in the article it cites."""

from __future__ import annotations

import re

import pytest

from conftest import DEMO, ROOT, run_cli
from generator.collect import gather
from generator.text import articles, rebuild_zh, unit_zh

CORPUS = gather(DEMO)  # the demo project: the example cycles
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


def test_each_city_shows_its_history_newest_first():
    """Versions newest first: by date; an undated one by the year its id begins with; an undated draft first."""
    expected = {"baotou": ["2025", "2024"], "hohhot": ["2013"], "linyi": ["2017", "2009"],
                "wuhan": ["draft", "2022", "2010"], "xinyang": ["2022", "2009"],
                "shenzhen": ["2019", "2012", "pre-2012"], "xuchang": ["2020", "2016", "2010"]}
    assert {c: [r.version for r in CORPUS.cities[c].regulations] for c in expected} == expected


def test_glossary_terms_are_unique():
    terms = [t.zh for t in CORPUS.glossary]
    assert len(terms) == len(set(terms))


# ---- issue 16: a second reading of the five regulations. Each correction, pinned.

def coded(city: str, version: str, key: str):
    return CORPUS.regulation(city, version).facts[key]


def places(fact) -> set[tuple]:
    return {(c.article, c.paragraph, c.item) for c in fact.cite}


def test_hohhot_revocation_ground_4_is_considerable_damage_not_serious():
    fact = coded("hohhot", "2013", "revocation_grounds_organisation")
    assert "较大损害" in fact.value.zh and "严重" not in fact.value.zh
    assert "considerable damage" in fact.value.en and "serious" not in fact.value.en
    assert any(c.item == 4 and "较大损害" in c.quote for c in fact.cite if c.article == 24)


def test_xinyang_disqualifier_4_keeps_notifications_and_investigations():
    fact = coded("xinyang", "2022", "disqualifiers")
    assert "索赔、退货、通报调查" in fact.value.zh and "notifications and investigations" in fact.value.en
    assert any(c.item == 4 and "通报调查" in c.quote for c in fact.cite if c.article == 13)


def test_xinyang_revocation_ban_tells_the_article_13_bar_on_the_article_34_grounds():
    fact = coded("xinyang", "2022", "revocation_ban")
    assert {(13, 1, 3), (13, 1, 8), (33, 1, None)} <= places(fact)
    assert "三年内不得申报" in fact.value.zh and "未规定禁止申报期" not in fact.value.zh
    assert "no ban is set for revocation under Article 34" not in fact.value.en
    assert fact.params == {"years": 5, "articles": [33]}  # the ban counted from the revocation: art. 33 only
    assert fact.cite[0].article == 33  # the finding a re-award inside the ban raises cites art. 33


def test_wuhan_internal_publicity_is_the_recommending_bodies_not_the_applicants():
    assert coded("wuhan", "draft", "internal_publicity").not_specified
    materials = coded("wuhan", "draft", "application_materials")
    assert (17, 1, None) in places(materials) and "5个工作日" in materials.value.zh
    assert "recommendation" in materials.value.en


def test_linyi_evaluation_standard_cites_article_10_item_3_for_gb_t_19580():
    fact = coded("linyi", "2017", "evaluation_standard")
    assert (10, 1, 3) in places(fact)
    assert "认真贯彻GB/T 19580《卓越绩效评价准则》等国家标准" in fact.value.zh
    assert "申报条件要求贯彻" not in fact.value.zh


def test_xinyang_legal_basis_names_the_notice_that_the_number_belongs_to():
    fact = coded("xinyang", "2022", "legal_basis")
    assert "《河南省人民政府办公厅关于印发河南省省长质量奖管理办法的通知》（豫政办〔2022〕37号）" in fact.value.zh
    assert "《河南省省长质量奖管理办法》（豫政办" not in fact.value.zh
    assert "Notice of the General Office of the Henan Provincial People's Government" in fact.value.en
    assert any("通知》（豫政办〔2022〕37号）" in c.quote for c in fact.cite)


def test_baotou_revocation_ban_is_the_article_17_bar_on_the_acts_articles_30_and_31_revoke_for():
    fact = coded("baotou", "2025", "revocation_ban")
    assert not fact.not_specified
    assert {(17, 1, 3), (17, 1, 4), (30, 1, None), (31, 1, None)} <= places(fact)
    assert "3年内不得申报" in fact.value.zh
    assert fact.params == {}  # the bar runs from the act, not from the revocation: nothing to count from


@pytest.mark.parametrize("city,version,article", [("hohhot", "2013", 27), ("baotou", "2025", 29),
                                                  ("wuhan", "draft", 28)])
def test_supervision_without_a_group_is_coded_alike(city, version, article):
    fact = coded(city, version, "supervision_group")
    assert not fact.not_specified and article in {c.article for c in fact.cite}
    assert fact.value.zh.startswith("未设专门监督组") and fact.value.en.startswith("No dedicated supervision group")


def test_linyi_supervision_is_coded_as_no_separate_group():
    fact = coded("linyi", "2017", "supervision_group")
    assert fact.value.zh.startswith("未设专门监督组")


def test_baotou_prize_is_a_medal_and_a_certificate_and_no_money():
    fact = coded("baotou", "2025", "prize_money")
    assert not fact.not_specified and (26, 1, None) in places(fact)
    assert "奖牌（奖杯）、证书" in fact.value.zh and "不设奖金" in fact.value.zh
    assert fact.params == {}  # no yuan to compare
