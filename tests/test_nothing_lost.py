"""Issue 8, nothing lost: every record of the input is counted and found on its page
of the built site, in both languages — every regulation version, article and coded
fact; every award cycle, notice, winner, count and revocation — and every one of them
in the JSON export too. "Every record" is every record published by the day the site is
built as of (2026-11-23): one dated later is kept back (issue 15), and only those are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import DEMO
from generator.collect import gather
from generator.schedule import as_of, scheduled
from generator.text import articles

BUILT_AS_OF = dt.date(2026, 11, 23)  # the day conftest's built_site is built as of
EVERYTHING = gather(DEMO)  # the demo project: the example cycles
CORPUS = as_of(EVERYTHING, BUILT_AS_OF)
LANGS = ("", "en/")


@lru_cache(maxsize=None)
def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def text(site: Path, path: str) -> str:
    return words(page(site, path).find("article").get_text(" "))


def pick(pair, lang: str) -> str:
    return pair.zh if lang == "" else pair.en


def winner_shown(name, lang: str) -> str:
    return name.zh if lang == "" or not name.en else name.en


def records():
    """Every record of the input, by kind (the count the site must account for)."""
    out = Counter()
    for city in CORPUS.cities.values():
        for reg in city.regulations:
            out["regulation"] += 1
            out["article"] += len(list(articles(reg.text))) if reg.text else 0
            out["fact"] += len(reg.facts)
        for cycle in city.cycles:
            out["cycle"] += 1
            out["notice"] += len(cycle.notices)
            out["winner"] += len(cycle.winners)
            out["count"] += len(cycle.counts)
            out["revocation"] += len(cycle.revocations)
    return out


def test_every_record_is_found_on_its_page_in_both_languages(built_site):
    found = Counter()
    for lang in LANGS:
        found_here = Counter()
        winners_all = text(built_site, f"{lang}winners")
        revocations = page(built_site, f"{lang}revocations").find("article")
        notices_index = {a["href"].rstrip("/").split("notices/")[-1]
                         for a in page(built_site, f"{lang}notices").find("article").find_all("a", href=True)}
        for city_id, city in CORPUS.cities.items():
            city_page = page(built_site, f"{lang}cities/{city_id}")
            winners_city = text(built_site, f"{lang}winners/{city_id}")
            for reg in city.regulations:
                reg_page = page(built_site, f"{lang}regulations/{city_id}/{reg.version}")
                assert words(pick(reg.title, lang)) in words(reg_page.h1.get_text()), (lang, city_id, reg.version)
                found_here["regulation"] += 1
                ids = {tag["id"] for tag in reg_page.find_all(id=True)}
                for article in (articles(reg.text) if reg.text else []):
                    assert f"art-{article.number}" in ids, (lang, city_id, reg.version, article.number)
                    found_here["article"] += 1
                for key, fact in reg.facts.items():
                    topic = page(built_site, f"{lang}compare/{key}")
                    section = topic.find(id=city_id).find_parent("section")
                    assert f"/{reg.version}/" in section.find(class_="topic-source").find("a")["href"], (lang, key, city_id)
                    shown = words(section.get_text(" "))
                    if fact.not_specified:
                        assert section.find(class_="not-specified"), (lang, key, city_id)
                    else:
                        assert words(pick(fact.value, lang)) in shown, (lang, key, city_id)
                    found_here["fact"] += 1
            for cycle in city.cycles:
                assert city_page.find(id=f"cycle-{cycle.cycle}"), (lang, city_id, cycle.cycle)
                found_here["cycle"] += 1
                for notice in cycle.notices:
                    path = f"{city_id}/{cycle.cycle}/{notice.id}"
                    notice_page = page(built_site, f"{lang}notices/{path}")
                    assert words(pick(notice.title, lang)) in words(notice_page.h1.get_text()), (lang, path)
                    assert path in notices_index, (lang, path)
                    found_here["notice"] += 1
                for winner in cycle.winners:
                    name = words(winner_shown(winner.name, lang))
                    assert name in winners_all and name in winners_city, (lang, city_id, winner.id)
                    found_here["winner"] += 1
                for count in cycle.counts:
                    rows = [tr for tr in page(built_site, f"{lang}winners").find(id="counts").find_next("table").find_all("tr")
                            if tr.find("a", href=lambda h: h and h.endswith(f"cities/{city_id}/#cycle-{cycle.cycle}"))]
                    assert any(str(count.count) in [td.get_text(strip=True) for td in tr.find_all("td")] for tr in rows), (lang, city_id, cycle.cycle)
                    found_here["count"] += 1
                for revocation in cycle.revocations:
                    winner = next(w for c in city.cycles for w in c.winners if w.id == revocation.winner)
                    rows = [tr for tr in revocations.find_all("tr")
                            if words(winner_shown(winner.name, lang)) in words(tr.get_text(" "))]
                    assert rows and words(pick(revocation.reason, lang)) in words(rows[0].get_text(" ")), (lang, revocation.winner)
                    found_here["revocation"] += 1
        assert found_here == records(), lang
        found += found_here
    expected = records()
    assert found == Counter({kind: 2 * n for kind, n in expected.items()})
    assert all(expected[kind] for kind in ("regulation", "article", "fact", "cycle", "notice", "winner", "count", "revocation"))


def test_every_record_is_in_the_open_data(built_site):
    """The same count against the JSON export: each kind's keys equal the input's, with
    nothing missing and nothing extra."""
    import json

    def keys(name: str, *fields: str) -> set:
        data = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        return {tuple(str(row[f]) for f in fields) for row in data["records"]}

    facts, notices, winners, counts, revocations = set(), set(), set(), set(), set()
    for city_id, city in CORPUS.cities.items():
        for reg in city.regulations:
            facts |= {(city_id, reg.version, key) for key in reg.facts}
        for cycle in city.cycles:
            notices |= {(city_id, cycle.cycle, n.id, n.title.zh, n.published.isoformat()) for n in cycle.notices}
            winners |= {(city_id, w.id, w.name.zh, w.kind, w.award, w.credit_code or "") for w in cycle.winners}
            counts |= {(city_id, cycle.cycle, c.category, str(c.count)) for c in cycle.counts}
            revocations |= {(city_id, r.winner, r.decided.isoformat()) for r in cycle.revocations}
    assert keys("regulation_facts", "city", "version", "dimension") == facts
    assert keys("notices", "city", "cycle", "id", "title_zh", "published") == notices
    assert keys("winners", "city", "id", "name_zh", "kind", "award", "credit_code") == winners
    assert keys("winner_counts", "city", "cycle", "category", "count") == counts
    assert keys("revocations", "city", "winner", "decided") == revocations
    total = records()
    assert (len(facts), len(notices), len(winners), len(counts), len(revocations)) == \
        (total["fact"], total["notice"], total["winner"], total["count"], total["revocation"])


def test_what_is_not_shown_is_exactly_what_is_scheduled():
    def count(corpus):
        cycles = [c for city in corpus.cities.values() for c in city.cycles]
        return sum(len(c.notices) + len(c.winners) + len(c.revocations) for c in cycles)

    held_back = [s for s in scheduled(EVERYTHING, BUILT_AS_OF) if len(s.place) == 2]  # whole records, not corrections
    assert held_back and count(EVERYTHING) - count(CORPUS) == len(held_back)
