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

from .awards import applies_to, ban_after, cycle_regulation, decision_date, fact
from .calendar import WorkCalendar
from .collect import Corpus
from .derive import add_years
from .model import CATEGORIES, NOTICE_KINDS, Citation, Cycle, Departure, Regulation, Winner
from .periods import notice_period


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
                out += _categories_and_quota(cycle, reg)
                out += _reapplication(cycle, reg, earlier)
                out += _revocations(corpus, cycle, reg, city.cycles)
            out += _after_revocation(corpus, cycle, earlier, revoked)
            earlier += [(cycle, w, w.decided or decision_date(cycle)) for w in cycle.winners]
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


def same_winner(a: Winner, b: Winner) -> bool:
    """The same organisation or person: by credit code where both have one, else by Chinese name."""
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return a.name.zh == b.name.zh


def _reapplication(cycle: Cycle, reg: Regulation, earlier: list) -> list[Finding]:
    rule = fact(reg, "reapplication_after_winning")
    if rule is None or rule.params.get("rule") in (None, "allowed"):
        return []
    out = []
    for i, winner in enumerate(cycle.winners):
        decided = winner.decided or decision_date(cycle)
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
        decided = winner.decided or decision_date(cycle)
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


def covered(ground: Citation, listed: list[Citation]) -> bool:
    """Whether a cited ground falls within one of the listed units."""
    return any(c.article == ground.article and c.paragraph in (None, ground.paragraph) and c.item in (None, ground.item)
               for c in listed)


def _revocations(corpus: Corpus, cycle: Cycle, reg: Regulation, cycles: list[Cycle]) -> list[Finding]:
    out = []
    winners = {w.id: (c, w) for c in cycles for w in c.winners}
    for i, revocation in enumerate(cycle.revocations):
        won_in, winner = winners[revocation.winner]
        grounds = fact(reg, f"revocation_grounds_{winner.kind}")
        if grounds is not None:
            for j, ground in enumerate(revocation.grounds):
                if not covered(ground, grounds.cite):
                    out.append(Finding("revocation_ground_unlisted", cycle, ("revocations", i, "grounds", j), f"revocation:{revocation.winner}",
                                       f"撤销依据第{ground.article}条不在办法所列撤销情形之内",
                                       f"the ground cited, article {ground.article}, is not among the revocation grounds the regulation lists",
                                       reg, grounds.cite[0]))
        window = fact(reg, "revocation_window")
        decided = winner.decided or decision_date(won_in)
        if window and applies_to(window, revocation) and decided and revocation.decided > add_years(decided, window.params["years"]):
            out.append(Finding("revocation_outside_window", cycle, ("revocations", i, "decided"), f"revocation:{revocation.winner}",
                               f"撤销于 {revocation.decided}，距获奖（{decided}）已超过 {window.params['years']} 年",
                               f"revoked on {revocation.decided}, more than {window.params['years']} years after the award of {decided}",
                               reg, window.cite[0]))
    return out
