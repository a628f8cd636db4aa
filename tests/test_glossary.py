"""The English speaks the glossary: every translated unit of every regulation whose
Chinese holds a glossary term uses the glossary's English for it, and renders 可 as
"may" and 应当/应/须/必须 as "shall" or "must" (issue 16, §4). A unit that departs for a
reason is listed, with the reason, in `city_rules/glossary_exceptions.yaml`."""

from __future__ import annotations

import pytest

from conftest import ROOT
from generator.collect import gather
from generator.glossary import Exemption, drifts, modal_drift, read_exemptions, reading, says, terms_in, units
from generator.model import Bilingual, GlossaryTerm

CORPUS = gather(ROOT)
REGULATIONS = [r for c in sorted(CORPUS.cities) for r in CORPUS.cities[c].regulations if r.text]
EXEMPTIONS = read_exemptions(ROOT / "city_rules" / "glossary_exceptions.yaml", ROOT)


def test_every_translated_unit_uses_the_glossary_and_its_modal_verbs():
    left, stale = reading(REGULATIONS, CORPUS.glossary, EXEMPTIONS)
    assert not left and not stale, "\n".join([*map(str, left), *stale])


def test_the_reading_covers_every_unit_of_the_five_texts():
    found, read = drifts(REGULATIONS, CORPUS.glossary)
    assert len(REGULATIONS) == 5
    assert read == sum(1 for r in REGULATIONS for _ in units(r)) == 390
    assert sum(1 for r in REGULATIONS for u in units(r) if terms_in(u.zh, CORPUS.glossary)) > read // 2
    assert len(found) == sum(len(e.units) for e in EXEMPTIONS)  # every departure there is, is listed


def test_an_exemption_names_a_real_term_or_modal_rule():
    known = {t.zh for t in CORPUS.glossary} | {"可", "应"}
    assert [e.term for e in EXEMPTIONS if e.term not in known] == []
    listed = [(e.city, e.version, where, e.term) for e in EXEMPTIONS for where in e.units]
    assert len(listed) == len(set(listed))  # each departure listed once


# ---- the rules, on made-up units

def term(zh: str, en: str, *variants: str) -> GlossaryTerm:
    return GlossaryTerm(zh=zh, en=en, variants=list(variants))


AWARD, NOMINATION = term("市长质量奖", "Mayor's Quality Award"), term("市长质量奖提名奖", "Mayor's Quality Award Nomination Award")
INDUSTRY = term("行业主管部门", "competent industry authority")


def test_a_longer_term_claims_its_characters():
    assert terms_in("市长质量奖提名奖每届不超过3个", [AWARD, NOMINATION]) == [NOMINATION]
    assert terms_in("市长质量奖和市长质量奖提名奖", [AWARD, NOMINATION]) == [NOMINATION, AWARD]


@pytest.mark.parametrize("en,ok", [
    ("the competent industry authorities", True),  # y → ies
    ("The Competent Industry Authority", True),  # case aside
    ("the competent authorities of each industry", False),  # the drift Baotou art. 10 had
    ("competent industry authoritys", False),
])
def test_a_rendering_may_take_a_regular_ending_and_nothing_else(en, ok):
    assert says(en, INDUSTRY) is ok


def test_a_glossary_entry_offers_renderings_variants_and_explains_in_a_parenthesis():
    apply_ = term("申报", "apply; application", "applicant")
    assert says("the application form", apply_) and says("it applies again", apply_) and says("an applicant", apply_)
    accept = term("受理", "accept (an application)")
    assert says("accepted", accept) and not says("an application", accept)
    assert says("Mayor\u2019s Quality Award", AWARD)  # a typographic apostrophe is an apostrophe


@pytest.mark.parametrize("zh,en,rule", [
    # 可 rendered as shall: the drift Baotou art. 14 had
    ("各类企业可以通过多种方式加入培育库，免费接受培训。", "Enterprises may join the pool and shall receive training free of charge.", "可"),
    ("评审标准可适时修订。", "The standard shall be revised in good time.", "可"),
    ("评审标准可适时修订。", "The standard may be revised in good time.", None),
    # a prohibition beside 可 is rendered "shall not"
    ("可以使用获奖称号，但不得用于产品宣传。", "It may use the title but shall not use it on products.", None),
    # a shall in another sentence is not charged to the 可
    ("由秘书处制定。标准可修订。", "The secretariat shall draw it up. The standard may be revised.", None),
    # 认可, 许可 are not modal
    ("得到群众的普遍认可；", "generally acknowledged; it must be so", None),
    # 应 without shall or must
    ("申报单位应当提交材料。", "The applicant submits materials.", "应"),
    ("申报单位应当提交材料。", "The applicant organisation shall submit materials.", None),
    ("提供相应证明。", "providing corresponding evidence.", None),  # 相应 is not 应
])
def test_the_modal_rule(zh, en, rule):
    found = modal_drift(zh, en)
    assert (found[0] if found else None) == rule


def test_the_failure_names_file_unit_term_expected_and_what_the_english_says():
    reg = CORPUS.regulation("baotou", "2025")
    text = reg.text
    article = text.chapters[0].articles[0]
    drifted = article.model_copy(update={"paragraphs": [article.paragraphs[0].model_copy(update={
        "zh": "各行业主管部门负责。", "en": "The competent authorities of each industry are responsible."})]})
    chapter = text.chapters[0].model_copy(update={"articles": [drifted]})
    bad = reg.model_copy(update={"text": text.model_copy(update={"chapters": [chapter], "front_matter": [], "heading": [
        Bilingual(zh="办法", en="Measures")], "back_matter": []})})
    left, stale = reading([bad], [INDUSTRY], [])
    assert [str(d) for d in left] == [
        "city_rules/baotou/2025.yaml: Art. 1(1): 中文有“行业主管部门”，英文应作 'competent industry authority'"
        " / the Chinese has 行业主管部门, so the English should say 'competent industry authority', but it says:"
        " 'The competent authorities of each industry are responsible.'"]


def test_an_exemption_that_no_longer_applies_fails():
    stale_one = Exemption(city="baotou", version="2025", units=["Art. 1(1)"], term="行业主管部门",
                          reason=Bilingual(zh="示例", en="example"))
    _, stale = reading([CORPUS.regulation("baotou", "2025")], [INDUSTRY], [stale_one])
    assert stale == ["city_rules/baotou/2025.yaml: Art. 1(1): 行业主管部门: listed in glossary_exceptions.yaml, but the"
                     " English no longer departs there; remove it / 此处译文已无偏离，请从 glossary_exceptions.yaml 删去"]
