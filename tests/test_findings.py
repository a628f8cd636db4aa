"""Findings: each kind is raised by a fixture that breaks exactly that rule, and by
nothing else; the clean fixture and the real (non-example) content raise none."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

import yaml

from conftest import DEMO, ROOT
from generator.collect import City, Corpus, gather
from generator.findings import CHECKS, FINDING_KINDS, Subject
from generator.model import Cycle
from generator.records import award_records

CORPUS = gather(DEMO)  # the demo project: the example cycles
OBJECTION = {"phone": "0000-00000000"}


def org(id: str, name: str = "示例科技有限公司", award: str = "award", **extra) -> dict:
    return {"id": id, "name": {"zh": name}, "kind": "organisation", "award": award, **extra}


def make_cycle(**overrides) -> dict:
    """A clean example cycle of Xinyang under its 2022 measures; override any field."""
    cycle = {
        "city": "xinyang", "cycle": "example-t1", "title": {"zh": "测试", "en": "Test"}, "regulation": "2022",
        "example": True,
        "notices": [
            {"id": "proposed", "kind": "proposed_winners", "title": {"zh": "拟奖公示", "en": "Proposed"},
             "published": dt.date(2025, 9, 26), "working_days": 5, "objection": OBJECTION},
            {"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"},
             "published": dt.date(2025, 11, 10)},
        ],
        "winners": [org("t1-a")],
    }
    cycle.update(overrides)
    return cycle


def corpus_with(city: str, *cycles: dict) -> Corpus:
    """The real regulations with `cycles` as the city's only cycles (others have none)."""
    cities = {key: City(c.info, c.regulations, []) for key, c in CORPUS.cities.items()}
    cities[city].cycles = [Cycle.model_validate(c) for c in cycles]
    return Corpus(cities, CORPUS.dimensions, CORPUS.glossary, CORPUS.calendar, {})


def findings(corpus: Corpus) -> list:
    """The corpus' findings, as the records derive them (they do not depend on the day)."""
    return award_records(corpus, dt.date(2026, 11, 23)).findings


def kinds(corpus: Corpus) -> list[str]:
    return [f.kind for f in findings(corpus)]


def with_notice(base: dict, **changes) -> dict:
    cycle = copy.deepcopy(base)
    cycle["notices"][0].update(changes)
    return cycle


def test_the_clean_fixture_raises_nothing():
    assert kinds(corpus_with("xinyang", make_cycle())) == []


def test_publicity_shorter_than_the_article_requires():
    corpus = corpus_with("xinyang", with_notice(make_cycle(), working_days=4))
    found = findings(corpus)
    assert [f.kind for f in found] == ["publicity_too_short"]
    assert found[0].cite.article == 22 and found[0].subject == Subject.notice("proposed")
    assert "4 working days" in found[0].en and "at least 5" in found[0].en


def test_an_explicit_end_is_measured_too():
    cycle = with_notice(make_cycle(), working_days=None, end=dt.date(2025, 9, 29))
    assert kinds(corpus_with("xinyang", cycle)) == ["publicity_too_short"]


def test_more_winners_than_the_quota():
    cycle = make_cycle(winners=[org("t1-a"), org("t1-b", "示例乙有限公司"), org("t1-c", "示例丙有限公司")])
    assert kinds(corpus_with("xinyang", cycle)) == ["over_quota"]


def test_a_count_without_names_is_held_to_the_quota():
    cycle = make_cycle(counts=[{"category": "organisation_nomination", "count": 4, "source_url": "https://example.org/"}])
    assert kinds(corpus_with("xinyang", cycle)) == ["over_quota"]


def test_a_category_the_regulation_does_not_have():
    person = {"id": "t1-p", "name": {"zh": "张示例"}, "kind": "individual", "award": "award"}
    assert kinds(corpus_with("xinyang", make_cycle(winners=[org("t1-a"), person]))) == ["category_absent"]


def baotou(stem: str, session: int, day: dt.date, *winners: dict, **extra) -> dict:
    return make_cycle(city="baotou", cycle=stem, session=session, regulation="2025", winners=list(winners),
                      notices=[{"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"}, "published": day}],
                      **extra)


CODE = "91150200EXAMPLE01D"  # fictional, checksum-valid


@pytest.mark.parametrize("later_session, found", [(4, ["reapplication_in_ban"]), (6, ["reapplication_in_ban"]), (7, [])])
def test_baotou_three_sessions_apart(later_session, found):
    first = baotou("example-s3", 3, dt.date(2025, 12, 1), org("s3", credit_code=CODE))
    again = baotou(f"example-s{later_session}", later_session, dt.date(2032, 12, 1), org("again", "改名后的示例公司", credit_code=CODE))
    assert kinds(corpus_with("baotou", first, again)) == found


def wuhan(stem: str, day: dt.date, *winners: dict) -> dict:
    return make_cycle(city="wuhan", cycle=stem, regulation="draft", winners=list(winners),
                      notices=[{"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"}, "published": day}])


@pytest.mark.parametrize("second, found", [(dt.date(2025, 6, 30), ["reapplication_in_ban"]), (dt.date(2025, 7, 1), [])])
def test_wuhan_five_years(second, found):
    assert kinds(corpus_with("wuhan", wuhan("example-a", dt.date(2020, 7, 1), org("a")),
                             wuhan("example-b", second, org("b")))) == found


def test_linyi_never_again():
    first = make_cycle(city="linyi", cycle="example-a", regulation="2017", winners=[org("a")])
    again = make_cycle(city="linyi", cycle="example-b", regulation="2017", winners=[org("b")],
                       notices=[{"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"},
                                 "published": dt.date(2027, 11, 10)}])
    assert kinds(corpus_with("linyi", first, again)) == ["reapplication_in_ban"]


def test_xinyang_allows_winning_again():
    again = make_cycle(cycle="example-t2", winners=[org("t2-a")],
                       notices=[{"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"},
                                 "published": dt.date(2027, 11, 10)}])
    assert kinds(corpus_with("xinyang", make_cycle(), again)) == []


def hohhot(stem: str, day: dt.date, *winners: dict, **extra) -> dict:
    return make_cycle(city="hohhot", cycle=stem, regulation="2013", winners=list(winners),
                      notices=[{"id": "decision", "kind": "award_decision", "title": {"zh": "决定", "en": "Decision"}, "published": day}],
                      **extra)


@pytest.mark.parametrize("second, found", [(dt.date(2027, 5, 31), ["reapplication_in_ban"]), (dt.date(2027, 6, 1), [])])
def test_winning_inside_the_ban_after_a_revocation(second, found):
    revoked = hohhot("example-a", dt.date(2021, 11, 10), org("a"), revocations=[
        {"winner": "a", "decided": dt.date(2022, 6, 1), "grounds": [{"article": 24, "paragraph": 1, "item": 2}],
         "reason": {"zh": "示例", "en": "Example"}}])
    assert kinds(corpus_with("hohhot", revoked, hohhot("example-b", second, org("b")))) == found


def revoked_xinyang(grounds: list, decided: dt.date) -> dict:
    return make_cycle(revocations=[{"winner": "t1-a", "decided": decided, "grounds": grounds,
                                    "reason": {"zh": "示例", "en": "Example"}}])


def test_a_revocation_ground_the_regulation_does_not_list():
    cycle = revoked_xinyang([{"article": 10}], dt.date(2026, 1, 5))
    assert kinds(corpus_with("xinyang", cycle)) == ["revocation_ground_unlisted"]
    assert kinds(corpus_with("xinyang", revoked_xinyang([{"article": 33, "paragraph": 1}], dt.date(2026, 1, 5)))) == []


@pytest.mark.parametrize("decided, found", [(dt.date(2028, 11, 10), []), (dt.date(2028, 11, 11), ["revocation_outside_window"])])
def test_a_revocation_outside_the_window(decided, found):
    assert kinds(corpus_with("xinyang", revoked_xinyang([{"article": 34, "paragraph": 1}], decided))) == found


def test_the_window_limits_only_the_grounds_it_is_written_for():
    # Xinyang art. 34's three years bound its own grounds; fraud (art. 33) may be revoked at any time
    assert kinds(corpus_with("xinyang", revoked_xinyang([{"article": 33, "paragraph": 1}], dt.date(2035, 1, 5)))) == []


@pytest.mark.parametrize("ground, banned", [({"article": 24, "paragraph": 1, "item": 1}, True), ({"article": 22}, False)])
def test_the_ban_follows_only_the_grounds_it_is_written_for(ground, banned):
    # Hohhot: five years' ban after a revocation under art. 24, none written for art. 22
    revoked = hohhot("example-a", dt.date(2021, 11, 10), org("a"), revocations=[
        {"winner": "a", "decided": dt.date(2022, 6, 1), "grounds": [ground],
         "reason": {"zh": "示例", "en": "Example"}}])
    again = hohhot("example-b", dt.date(2024, 11, 10), org("b"))
    assert kinds(corpus_with("hohhot", revoked, again)) == (["reapplication_in_ban"] if banned else [])


def test_no_findings_without_the_regulation_text():
    cycle = make_cycle(regulation="2009", winners=[org("a"), org("b", "示例乙"), org("c", "示例丙")])
    assert kinds(corpus_with("xinyang", cycle)) == []


def test_every_kind_is_raised_by_the_example_content_or_a_fixture_and_labelled():
    assert set(FINDING_KINDS) == {"publicity_too_short", "over_quota", "category_absent", "reapplication_in_ban",
                                  "revocation_ground_unlisted", "revocation_outside_window",
                                  "winner_not_a_candidate", "decided_during_publicity"}  # the last two: test_lifecycle.py
    strings = yaml.safe_load((ROOT / "site_templates" / "strings.yaml").read_text(encoding="utf-8"))
    for kind in FINDING_KINDS.values():
        assert strings[kind.label]["zh"] and strings[kind.label]["en"]


def test_every_kind_has_a_check_and_every_check_a_kind():
    assert {kind for kind, _ in CHECKS} == set(FINDING_KINDS)


def test_a_finding_is_about_a_typed_subject():
    """A page marks a finding beside its record by asking for the record's subject, not by a string prefix."""
    cycle = with_notice(make_cycle(winners=[org("t1-a"), org("t1-b", "示例乙有限公司"), org("t1-c", "示例丙有限公司")]),
                        working_days=4)
    assert [(f.kind, f.subject) for f in findings(corpus_with("xinyang", cycle))] == [
        ("publicity_too_short", Subject.notice("proposed")), ("over_quota", Subject.category("organisation_award"))]
    templates = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "site_templates").glob("*.j2")))
    assert "Subject.notice(" in templates and not re.search(r"""["'](notice|winner|category|revocation):["']""", templates)


def test_the_real_content_raises_no_finding():
    real = gather(ROOT)  # the real records (content/): written for their property, whatever they are
    assert findings(real) == []


def test_every_example_cycle_with_winners_shows_a_finding():
    found = {(f.cycle.city, f.cycle.cycle) for f in findings(CORPUS)}
    complete = {(c.city, c.cycle) for city in CORPUS.cities.values() for c in city.cycles if c.example and c.revocations}
    assert complete and complete <= found


@pytest.mark.parametrize("city, version", [(c, next(r.version for r in city.regulations if r.text))  # each city's newest text
                                            for c, city in CORPUS.cities.items() if any(r.text for r in city.regulations)])
def test_every_listed_revocation_ground_counts_as_listed(city, version):
    """A revocation on any ground its article lists is never flagged as unlisted: the
    coded grounds cover every item of the articles they cite."""
    from generator.findings import covered
    from generator.model import Citation
    from generator.text import find_article
    reg = CORPUS.regulation(city, version)
    for key in ("revocation_grounds_organisation", "revocation_grounds_individual"):
        fact = reg.facts[key]
        for number in {c.article for c in fact.cite}:
            for p, paragraph in enumerate(find_article(reg.text, number).paragraphs, 1):
                for item in paragraph.items:
                    assert covered(Citation(article=number, paragraph=p, item=item.number), fact.cite), (city, key, number, item.number)


# ---------------------------------------------------------------- revocation grounds at the regulation's precision

REGULATIONS = [("hohhot", "2013"), ("linyi", "2017"), ("wuhan", "draft"), ("baotou", "2025"), ("xinyang", "2022")]


def listed_grounds() -> list[tuple[str, str, str, dict]]:
    """(city, version, winner kind, listed ground) for every ground the five regulations list."""
    out = []
    for city, version in REGULATIONS:
        reg = CORPUS.regulation(city, version)
        for kind in ("organisation", "individual"):
            fact = reg.facts[f"revocation_grounds_{kind}"]
            for cite in [] if fact.not_specified else fact.cite:
                place = {k: v for k, v in (("article", cite.article), ("paragraph", cite.paragraph), ("item", cite.item)) if v}
                if (city, version, kind, place) not in out:
                    out.append((city, version, kind, place))
    return out


def finer(reg, place: dict) -> list[dict]:
    """The units one level below `place` in the regulation's text (none below an item,
    or below a paragraph without items)."""
    from generator.text import find_article
    article = find_article(reg.text, place["article"])
    if "item" in place:
        return []
    if "paragraph" in place:
        return [{**place, "item": item.number} for item in article.paragraphs[place["paragraph"] - 1].items]
    return [{**place, "paragraph": p} for p in range(1, len(article.paragraphs) + 1)]


def revoked_in(city: str, version: str, kind: str, ground: dict) -> dict:
    """A cycle of `city` under `version` whose one winner (of `kind`) is revoked on `ground`."""
    winner = org("g-a") if kind == "organisation" else {"id": "g-a", "name": {"zh": "张示例"}, "kind": "individual", "award": "award"}
    return make_cycle(city=city, cycle="example-g", regulation=version, winners=[winner], revocations=[
        {"winner": "g-a", "decided": dt.date(2026, 1, 5), "grounds": [ground], "reason": {"zh": "示例", "en": "Example"}}])


def ground_findings(city: str, version: str, kind: str, ground: dict) -> list:
    corpus = corpus_with(city, revoked_in(city, version, kind, ground))
    return [f for f in findings(corpus) if f.kind == "revocation_ground_unlisted"]


@pytest.mark.parametrize("city, version, kind, listed", listed_grounds(),
                         ids=lambda v: ".".join(map(str, v.values())) if isinstance(v, dict) else str(v))
def test_a_listed_ground_cited_at_any_precision_is_no_finding(city, version, kind, listed):
    """Art. 34 where the regulation lists art. 34(1); art. 24(1) item 2 where it lists art. 24(1), item 2;
    art. 22(1) where it lists art. 22: each is the ground the regulation lists."""
    reg = CORPUS.regulation(city, version)
    for ground in [{"article": listed["article"]}, listed, *finer(reg, listed)]:
        assert ground_findings(city, version, kind, ground) == [], ground


@pytest.mark.parametrize("city, version", REGULATIONS)
def test_an_article_the_regulation_does_not_list_is_a_finding(city, version):
    reg = CORPUS.regulation(city, version)
    kind = "organisation"
    listed = {c.article for c in reg.facts[f"revocation_grounds_{kind}"].cite}
    assert 1 not in listed
    found = ground_findings(city, version, kind, {"article": 1})
    assert [f.kind for f in found] == ["revocation_ground_unlisted"]
    assert found[0].place == ("revocations", 0, "grounds", 0)


def test_the_unlisted_ground_finding_says_which_grounds_are_listed():
    [found] = ground_findings("xinyang", "2022", "organisation", {"article": 10})
    assert found.zh == "撤销依据第十条不在办法所列撤销情形之内（办法所列：第三十三条、第三十四条）"
    assert found.en == "the ground cited, Art. 10, is not among the revocation grounds the regulation lists (Art. 33; Art. 34)"


@pytest.mark.parametrize("ground, listed", [
    ({"article": 24, "paragraph": 2}, [{"article": 24, "paragraph": 1}]),  # another paragraph of a listed article
    ({"article": 24, "paragraph": 1, "item": 5}, [{"article": 24, "paragraph": 1, "item": n} for n in range(1, 5)]),
    ({"article": 24, "item": 5}, [{"article": 24, "paragraph": 1, "item": 1}]),
    ({"article": 25}, [{"article": 24}]),
])
def test_a_paragraph_or_item_the_regulation_does_not_list_is_not_covered(ground, listed):
    from generator.findings import covered
    from generator.model import Citation
    assert not covered(Citation(**ground), [Citation(**c) for c in listed])


@pytest.mark.parametrize("ground, listed", [
    ({"article": 34}, [{"article": 34, "paragraph": 1}]),
    ({"article": 24}, [{"article": 24, "paragraph": 1, "item": 3}]),
    ({"article": 24, "paragraph": 1}, [{"article": 24, "paragraph": 1, "item": 3}]),
    ({"article": 33, "paragraph": 1, "item": 2}, [{"article": 33}]),
    ({"article": 24, "item": 2}, [{"article": 24, "paragraph": 1, "item": 2}]),
])
def test_a_place_at_another_precision_of_a_listed_ground_is_covered(ground, listed):
    from generator.findings import covered
    from generator.model import Citation
    assert covered(Citation(**ground), [Citation(**c) for c in listed])


# ---------------------------------------------------------------- the revocation skeleton cites a listed ground

@pytest.mark.parametrize("city, cycle, winner", [
    ("hohhot", "example-2025", "hh25-tech"), ("hohhot", "example-2025", "hh25-zhang"),
    ("linyi", "example-2021", "ly21-wood"), ("linyi", "example-2021", "ly21-zhao"),
    ("wuhan", "example-2025", "wh25-optics"), ("wuhan", "example-2025", "wh25-li"),
    ("baotou", "example-2025", "bt25-precision"), ("xinyang", "example-2025", "xy25-tea"),
])
def test_a_fresh_revocation_skeleton_with_its_placeholders_filled_gives_no_finding(tmp_path, city, cycle, winner):
    """`awardsite new revocation` cites the regulation's first listed ground as precisely
    as the regulation lists it, and the clerk who only replaces its placeholders (the
    quote copied from the cited text) publishes a revocation with no finding."""
    import json

    import yaml

    from conftest import copy_project
    from generator.model import Citation
    from generator.placeholders import PLACEHOLDER_EN, PLACEHOLDER_ZH
    from generator.scaffold import new_revocation
    from generator.text import unit_zh

    project = copy_project(tmp_path / "project", examples=True)
    path, _ = new_revocation(project, city, cycle, winner, dt.date(2026, 11, 23))
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ground = data["revocations"][-1]["grounds"][0]
    reg = CORPUS.regulation(city, data["regulation"])
    kind = next(w.kind for c in CORPUS.cities[city].cycles for w in c.winners if w.id == winner)
    first = reg.facts[f"revocation_grounds_{kind}"].cite[0]
    assert ground == {k: v for k, v in (("article", first.article), ("paragraph", first.paragraph), ("item", first.item),
                                        ("quote", PLACEHOLDER_ZH)) if v is not None}
    quote = unit_zh(reg.text, Citation(article=ground["article"], paragraph=ground.get("paragraph"), item=ground.get("item")))[:12]
    filled = (text.replace(f"quote: {PLACEHOLDER_ZH}", f"quote: {json.dumps(quote, ensure_ascii=False)}")
              .replace(f"document: {PLACEHOLDER_ZH}", "document: 示例〔2026〕1号")
              .replace(f"zh: {PLACEHOLDER_ZH}", "zh: 示例原因").replace(f"en: {PLACEHOLDER_EN}", "en: An example reason"))
    path.write_text(filled, encoding="utf-8")
    corpus = gather(project)  # raises on any problem: the filled skeleton checks
    assert [f for f in findings(corpus) if f.subject == Subject.revocation(winner)] == []
