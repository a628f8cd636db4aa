"""Findings: where a cycle departed from its own regulation.

A finding is not an error: the data is good, and what it records is a fact about
the process. Each kind is measured against one coded fact of the regulation the
cycle ran under (see city_rules/dimensions.yaml) and cites the article that sets
the rule. A cycle whose regulation is not held (`regulation: null`, or a version
with metadata only) gets no findings: nothing can be measured.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .awards import applies_to, awarded_as, ban_after, cycle_regulation, fact, same_winner, winner_decided
from .calendar import WorkCalendar
from .collect import Corpus
from .derive import add_years
from .model import CATEGORIES, NOTICE_KINDS, Citation, Cycle, Departure, Place, Regulation, Winner
from .periods import notice_period
from .text import cited_places, find_article, place_labels


@dataclass(frozen=True)
class FindingKind:
    key: str
    zh: str
    en: str


FINDING_KINDS = {k.key: k for k in (
    FindingKind("publicity_too_short", "公示期短于规定", "Publicity shorter than required"),
    FindingKind("over_quota", "获奖数超过名额", "More winners than the quota"),
    FindingKind("category_absent", "办法未设该奖项类别", "A category the regulation does not have"),
    FindingKind("reapplication_in_ban", "在限制期内再次获奖", "Awarded again inside a ban"),
    FindingKind("revocation_ground_unlisted", "撤销依据不在办法所列情形之内", "Revocation ground not listed in the regulation"),
    FindingKind("revocation_outside_window", "撤销超出办法规定的期限", "Revocation outside the regulation's window"),
    FindingKind("winner_not_a_candidate", "获奖者不在拟奖名单中", "A winner who was not on the proposed list"),
    FindingKind("decided_during_publicity", "公示期未满即作出表彰决定", "Decided before the publicity ended"),
)}


@dataclass(frozen=True)
class Finding:
    kind: str
    cycle: Cycle  # the cycle whose record departs
    place: tuple  # where in the cycle's file: ("notices", 2), ("winners", 0), ("counts", 1) …
    subject: str  # the record: "notice:<id>", "winner:<id>", "category:<key>" or "revocation:<winner id>"
    zh: str
    en: str
    regulation: Regulation  # the regulation that sets the rule
    cite: Citation

    @property
    def example(self) -> bool:
        return self.cycle.example

    @property
    def acknowledged(self) -> Departure | None:
        """The notice's own reason for this departure (an entry of its `departures`), if it gives one."""
        record, _, key = self.subject.partition(":")
        notice = next((n for n in self.cycle.notices if n.id == key), None) if record == "notice" else None
        return next((d for d in notice.departures if d.finding == self.kind), None) if notice else None


def measurable(corpus: Corpus, cycle: Cycle) -> bool:
    """Whether findings can be computed: the cycle's regulation is held in full."""
    reg = cycle_regulation(corpus, cycle)
    return reg is not None and reg.text is not None


def findings(corpus: Corpus, calendar: WorkCalendar) -> list[Finding]:
    """Every finding of the corpus, in a stable order (city, cycle, file order)."""
    out: list[Finding] = []
    for city in corpus.cities.values():
        earlier: list[tuple[Cycle, Winner, dt.date | None]] = []
        revoked = {r.winner: (c, r) for c in city.cycles for r in c.revocations}
        for cycle in city.cycles:
            reg = cycle_regulation(corpus, cycle)
            if measurable(corpus, cycle):
                out += _publicity(cycle, reg, calendar)
                out += _candidates(cycle, reg, calendar)
                out += _categories_and_quota(cycle, reg)
                out += _reapplication(cycle, reg, earlier)
                out += _revocations(corpus, cycle, reg, city.cycles)
            out += _after_revocation(corpus, cycle, earlier, revoked)
            earlier += [(cycle, w, winner_decided(cycle, w)) for w in cycle.winners]
    return out


def _publicity(cycle: Cycle, reg: Regulation, calendar: WorkCalendar) -> list[Finding]:
    out = []
    for i, notice in enumerate(cycle.notices):
        dimension = NOTICE_KINDS[notice.kind].dimension
        rule = fact(reg, dimension) if dimension else None
        minimum = rule.params.get("working_days") if rule else None
        period = notice_period(notice, calendar)
        if minimum and period and period.kind == "publicity" and period.working_days < minimum:
            out.append(Finding("publicity_too_short", cycle, ("notices", i), f"notice:{notice.id}",
                               f"公示期 {period.working_days} 个工作日（{notice.published} 至 {period.end}），办法规定不少于 {minimum} 个工作日",
                               f"publicity of {period.working_days} working days ({notice.published} to {period.end}); "
                               f"the regulation requires at least {minimum}", reg, rule.cite[0]))
    return out


def _candidates(cycle: Cycle, reg: Regulation, calendar: WorkCalendar) -> list[Finding]:
    """A decision against the publicity of proposed winners that the cycle holds: a winner
    who was not on the list (or was withdrawn from it), a decision made before the
    publicity ended. Where the cycle holds no such notice (a record transcribed from a
    report that does not mention it), nothing is measured: absence from a report is no
    evidence that the publicity did not take place."""
    rule = fact(reg, "proposed_winner_publicity")
    publicity = [n for n in cycle.notices if NOTICE_KINDS[n.kind].lists_candidates]
    if rule is None or not publicity:
        return []
    out = []
    listed = [c for n in publicity for c in n.candidates]
    ends = [p.end for p in (notice_period(n, calendar) for n in publicity) if p is not None]
    for i, winner in enumerate(cycle.winners):
        found = next((c for c in listed if awarded_as(winner, c)), None)
        if listed and (found is None or found.withdrawn is not None):
            why_zh, why_en = ("已从名单中撤回", "was withdrawn from it") if found else ("不在名单中", "is not on it")
            out.append(Finding("winner_not_a_candidate", cycle, ("winners", i), f"winner:{winner.id}",
                               f"{winner.name.zh} 获奖，但{why_zh}（拟奖名单公示：{'、'.join(n.id for n in publicity)}）",
                               f"{winner.name.zh} won, but {why_en} (the publicity of proposed winners: {', '.join(n.id for n in publicity)})",
                               reg, rule.cite[0]))
    for i, decision in enumerate(cycle.notices):
        if decision.kind == "award_decision" and ends and decision.published <= max(ends):
            out.append(Finding("decided_during_publicity", cycle, ("notices", i), f"notice:{decision.id}",
                               f"表彰决定发布于 {decision.published}，拟奖名单公示至 {max(ends)} 才结束",
                               f"the decision is dated {decision.published}, while the publicity of proposed winners ran until {max(ends)}",
                               reg, rule.cite[0]))
    return out


def _categories_and_quota(cycle: Cycle, reg: Regulation) -> list[Finding]:
    out = []
    named = Counter(w.category for w in cycle.winners)
    counted = {c.category: c.count for c in cycle.counts}
    numbers = {cat: max(named.get(cat, 0), counted.get(cat, 0)) for cat in CATEGORIES}
    place_of = {cat: ("counts", i) for i, c in enumerate(cycle.counts) for cat in [c.category]}
    place_of.update({w.category: ("winners", i) for i, w in reversed(list(enumerate(cycle.winners)))})
    categories = fact(reg, "award_categories")
    allowed = categories.params.get("categories") if categories else None
    for cat, number in numbers.items():
        if number and allowed is not None and cat not in allowed:
            zh, en = CATEGORIES[cat]
            out.append(Finding("category_absent", cycle, place_of[cat], f"category:{cat}",
                               f"{number} 个“{zh}”，但办法未设此类别", f"{number} × {en.lower()}, a category the regulation does not have",
                               reg, categories.cite[0]))
    quota = fact(reg, "quota")
    if quota is None:
        return out
    for cat, number in numbers.items():
        limit = quota.params.get(cat)
        if limit is not None and number > limit:
            zh, en = CATEGORIES[cat]
            out.append(Finding("over_quota", cycle, place_of[cat], f"category:{cat}", f"“{zh}” {number} 个，超过每届名额 {limit} 个",
                               f"{number} × {en.lower()}, over the quota of {limit} per session", reg, quota.cite[0]))
    total, number = quota.params.get("total"), sum(numbers.values())
    if total is not None and number > total:
        out.append(Finding("over_quota", cycle, ("winners",), "category:total", f"共 {number} 个奖项，超过每届总数 {total} 个",
                           f"{number} awards in all, over the total of {total} per session", reg, quota.cite[0]))
    return out


def _reapplication(cycle: Cycle, reg: Regulation, earlier: list) -> list[Finding]:
    rule = fact(reg, "reapplication_after_winning")
    if rule is None or rule.params.get("rule") in (None, "allowed"):
        return []
    out = []
    for i, winner in enumerate(cycle.winners):
        decided = winner_decided(cycle, winner)
        for before_cycle, before, before_decided in earlier:
            if before_cycle is cycle or not same_winner(winner, before):
                continue
            kind, why = rule.params["rule"], None
            if kind == "never":
                why = ("办法规定获奖者不得再次申报", "the regulation bars winners from applying again")
            elif kind == "after_years" and decided and before_decided and decided < add_years(before_decided, rule.params["years"]):
                why = (f"距上次获奖（{before_decided}）不足 {rule.params['years']} 年",
                       f"less than {rule.params['years']} years after its award of {before_decided}")
            elif kind == "after_sessions" and cycle.session and before_cycle.session \
                    and cycle.session - before_cycle.session <= rule.params["sessions"]:
                # "间隔三届": three whole sessions must lie between the two awards
                why = (f"距上次获奖（第{before_cycle.session}届）间隔不足 {rule.params['sessions']} 届",
                       f"fewer than {rule.params['sessions']} sessions between this and its award in session {before_cycle.session}")
            if why:
                out.append(Finding("reapplication_in_ban", cycle, ("winners", i), f"winner:{winner.id}",
                                   f"{winner.name.zh} 再次获奖：{why[0]}", f"{winner.name.en or winner.name.zh} won again: {why[1]}",
                                   reg, rule.cite[0]))
                break
    return out


def _after_revocation(corpus: Corpus, cycle: Cycle, earlier: list, revoked: dict) -> list[Finding]:
    out = []
    for i, winner in enumerate(cycle.winners):
        decided = winner_decided(cycle, winner)
        for before_cycle, before, _ in earlier:
            if before.id not in revoked or not same_winner(winner, before) or decided is None:
                continue
            rev_cycle, revocation = revoked[before.id]
            rev_reg = cycle_regulation(corpus, rev_cycle)
            ban = ban_after(rev_reg, revocation)
            if ban.fact and revocation.decided <= decided and (ban.permanent or (ban.until and decided <= ban.until)):
                until = "永久" if ban.permanent else f"至 {ban.until}"
                until_en = "for good" if ban.permanent else f"until {ban.until}"
                out.append(Finding("reapplication_in_ban", cycle, ("winners", i), f"winner:{winner.id}",
                                   f"{winner.name.zh} 获奖时仍在撤销后的禁止申报期内（{revocation.decided} 撤销，{until}）",
                                   f"{winner.name.en or winner.name.zh} won while barred after the revocation of {revocation.decided} ({until_en})",
                                   rev_reg, ban.fact.cite[0]))
                break
    return out


def covered(ground: Place, listed: list[Place]) -> bool:
    """Whether a cited ground is one the regulation lists, matched at the precision each
    gives: a paragraph or item that either side leaves out is not held against it. So
    art. 34 is the ground listed as art. 34(1) (or as an item of it); art. 33(1), item 2
    falls within the ground listed as art. 33; only an article, paragraph or item that no
    listed ground names or contains is not covered."""
    def agree(a: int | None, b: int | None) -> bool:
        return a is None or b is None or a == b

    return any(c.article == ground.article and agree(c.paragraph, ground.paragraph) and agree(c.item, ground.item)
               for c in listed)


def _broadest(listed: list[Place]) -> list[Place]:
    """The listed grounds without those inside another one listed (art. 28(1), item 3
    where art. 28(1) is listed too): the places to name as what the regulation lists."""
    def within(inner: Place, outer: Place) -> bool:
        return (inner.article == outer.article and outer.paragraph in (None, inner.paragraph)
                and outer.item in (None, inner.item)
                and (outer.paragraph, outer.item) != (inner.paragraph, inner.item))

    return [c for c in listed if not any(within(c, other) for other in listed)]


def _labels(reg: Regulation, place: Place) -> tuple[str, str]:
    """A cited place as the pages name it (第十条 / Art. 10), or by its numbers where the
    regulation's text has no such article."""
    if find_article(reg.text, place.article) is not None:
        return place_labels(reg.text, place)
    zh = f"第{place.article}条" + (f"第{place.paragraph}款" if place.paragraph else "") + (f"第{place.item}项" if place.item else "")
    en = f"Art. {place.article}" + (f"({place.paragraph})" if place.paragraph else "") + (f", item {place.item}" if place.item else "")
    return zh, en


def _revocations(corpus: Corpus, cycle: Cycle, reg: Regulation, cycles: list[Cycle]) -> list[Finding]:
    out = []
    winners = {w.id: (c, w) for c in cycles for w in c.winners}
    for i, revocation in enumerate(cycle.revocations):
        won_in, winner = winners[revocation.winner]
        grounds = fact(reg, f"revocation_grounds_{winner.kind}")
        if grounds is not None:
            for j, ground in enumerate(revocation.grounds):
                if not covered(ground, grounds.cite):
                    zh, en = _labels(reg, ground)
                    listed = cited_places(reg.text, _broadest(grounds.cite))
                    out.append(Finding("revocation_ground_unlisted", cycle, ("revocations", i, "grounds", j), f"revocation:{revocation.winner}",
                                       f"撤销依据{zh}不在办法所列撤销情形之内（办法所列：{'、'.join(p[1] for p in listed)}）",
                                       f"the ground cited, {en}, is not among the revocation grounds the regulation lists"
                                       f" ({'; '.join(p[2] for p in listed)})", reg, grounds.cite[0]))
        window = fact(reg, "revocation_window")
        decided = winner_decided(won_in, winner)
        if window and applies_to(window, revocation) and decided and revocation.decided > add_years(decided, window.params["years"]):
            out.append(Finding("revocation_outside_window", cycle, ("revocations", i, "decided"), f"revocation:{revocation.winner}",
                               f"撤销于 {revocation.decided}，距获奖（{decided}）已超过 {window.params['years']} 年",
                               f"revoked on {revocation.decided}, more than {window.params['years']} years after the award of {decided}",
                               reg, window.cite[0]))
    return out
