"""Findings: where a cycle departed from its own regulation.

A finding is not an error: the data is good, and what it records is a fact about
the process. Each kind is measured against one coded fact of the regulation the
cycle ran under (see city_rules/dimensions.yaml) and cites the article that sets
the rule. A cycle whose regulation is not held (`regulation: null`, or a version
with metadata only) gets no findings: nothing can be measured.

Each check is a function of one cycle's derived views (`CycleViews`: its notices with
their periods, its winners with their decision dates, its revocations with their bans,
all worked out once by periods.py and awards.py), listed in CHECKS with the kind it
raises. Adding a finding is a row of FINDING_KINDS, its check in CHECKS, and its label
in site_templates/strings.yaml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .awards import RevocationView, WinnerView, applies_to, awarded_as, cycle_regulation, fact, same_winner
from .collect import Corpus
from .derive import add_years
from .model import CATEGORIES, NOTICE_KINDS, Citation, Cycle, Departure, Place, Regulation
from .periods import NoticeView
from .text import cited_places, find_article, place_labels


@dataclass(frozen=True)
class FindingKind:
    key: str
    label: str  # its name on the pages and in `check`: a key of site_templates/strings.yaml


# In this order `check` names them (an acknowledgement's unknown kind is told these).
FINDING_KINDS = {k.key: k for k in (
    FindingKind("publicity_too_short", "finding.publicity_too_short"),
    FindingKind("over_quota", "finding.over_quota"),
    FindingKind("category_absent", "finding.category_absent"),
    FindingKind("reapplication_in_ban", "finding.reapplication_in_ban"),
    FindingKind("revocation_ground_unlisted", "finding.revocation_ground_unlisted"),
    FindingKind("revocation_outside_window", "finding.revocation_outside_window"),
    FindingKind("winner_not_a_candidate", "finding.winner_not_a_candidate"),
    FindingKind("decided_during_publicity", "finding.decided_during_publicity"),
)}


@dataclass(frozen=True)
class Subject:
    """The record a finding is about, which the pages mark it beside: a notice, a winner,
    a category of award (`total` for all of them), or a revocation (by its winner's id)."""

    kind: str  # notice | winner | category | revocation
    id: str

    @classmethod
    def notice(cls, id: str) -> Subject:
        return cls("notice", id)

    @classmethod
    def winner(cls, id: str) -> Subject:
        return cls("winner", id)

    @classmethod
    def category(cls, key: str) -> Subject:
        return cls("category", key)

    @classmethod
    def revocation(cls, winner: str) -> Subject:
        return cls("revocation", winner)


@dataclass(frozen=True)
class Finding:
    kind: str
    cycle: Cycle  # the cycle whose record departs
    place: tuple  # where in the cycle's file: ("notices", 2), ("winners", 0), ("counts", 1) …
    subject: Subject  # the record it is about
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
        if self.subject.kind != "notice":
            return None
        notice = next((n for n in self.cycle.notices if n.id == self.subject.id), None)
        return next((d for d in notice.departures if d.finding == self.kind), None) if notice else None


@dataclass(frozen=True)
class CycleViews:
    """One cycle's derived views, each list in the order of the cycle's file: what a check reads."""

    cycle: Cycle
    regulation: Regulation | None  # the one it ran under, where it is held
    notices: list[NoticeView]
    winners: list[WinnerView]
    revocations: list[RevocationView]
    earlier: list[WinnerView]  # the winners of the city's cycles before this one, in order
    revoked: dict[str, RevocationView]  # winner id → its revocation, for the whole city


Check = Callable[[CycleViews], list[Finding]]


def measurable(corpus: Corpus, cycle: Cycle) -> bool:
    """Whether findings can be computed: the cycle's regulation is held in full."""
    reg = cycle_regulation(corpus, cycle)
    return reg is not None and reg.text is not None


def cycle_views(corpus: Corpus, notices: list[NoticeView], winners: dict[tuple[str, str], WinnerView],
                revocations: list[RevocationView]) -> Iterator[CycleViews]:
    """Each cycle's share of the views, city by city and cycle by cycle in file order."""
    notice_of = {id(v.notice): v for v in notices}
    revocation_of = {id(v.revocation): v for v in revocations}
    revoked: dict[str, dict[str, RevocationView]] = {}
    for view in revocations:
        revoked.setdefault(view.cycle.city, {})[view.revocation.winner] = view
    for city_id, city in corpus.cities.items():
        earlier: list[WinnerView] = []
        for cycle in city.cycles:
            own = [winners[(city_id, w.id)] for w in cycle.winners]
            yield CycleViews(cycle, cycle_regulation(corpus, cycle), [notice_of[id(n)] for n in cycle.notices], own,
                             [revocation_of[id(r)] for r in cycle.revocations], list(earlier), revoked.get(city_id, {}))
            earlier += own


def findings(corpus: Corpus, notices: list[NoticeView], winners: dict[tuple[str, str], WinnerView],
             revocations: list[RevocationView]) -> list[Finding]:
    """Every finding of the corpus, in a stable order (city, cycle, then CHECKS' order). A
    check asks the regulation through `fact`, which knows nothing of one not held in full."""
    return [found for views in cycle_views(corpus, notices, winners, revocations)
            for _, check in CHECKS for found in check(views)]


def publicity_too_short(views: CycleViews) -> list[Finding]:
    cycle, reg, out = views.cycle, views.regulation, []
    for i, view in enumerate(views.notices):
        notice = view.notice
        dimension = NOTICE_KINDS[notice.kind].dimension
        rule = fact(reg, dimension) if dimension else None
        minimum = rule.params.get("working_days") if rule else None
        period = view.period
        if minimum and period and period.kind == "publicity" and period.working_days < minimum:
            out.append(Finding("publicity_too_short", cycle, ("notices", i), Subject.notice(notice.id),
                               f"公示期 {period.working_days} 个工作日（{notice.published} 至 {period.end}），办法规定不少于 {minimum} 个工作日",
                               f"publicity of {period.working_days} working days ({notice.published} to {period.end}); "
                               f"the regulation requires at least {minimum}", reg, rule.cite[0]))
    return out


def _candidate_publicity(views: CycleViews) -> list[NoticeView]:
    """The cycle's publicity of proposed winners, where its regulation has that rule. Where the
    cycle holds no such notice (a record transcribed from a report that does not mention
    it), nothing is measured against it: absence from a report is no evidence that the
    publicity did not take place."""
    if fact(views.regulation, "proposed_winner_publicity") is None:
        return []
    return [v for v in views.notices if NOTICE_KINDS[v.notice.kind].lists_candidates]


def winner_not_a_candidate(views: CycleViews) -> list[Finding]:
    """A winner who was not on the publicised list of proposed winners, or was withdrawn from it."""
    publicity = _candidate_publicity(views)
    listed = [c for v in publicity for c in v.notice.candidates]
    if not listed:
        return []
    rule, ids = fact(views.regulation, "proposed_winner_publicity"), [v.notice.id for v in publicity]
    out = []
    for i, view in enumerate(views.winners):
        winner = view.winner
        found = next((c for c in listed if awarded_as(winner, c)), None)
        if found is None or found.withdrawn is not None:
            why_zh, why_en = ("已从名单中撤回", "was withdrawn from it") if found else ("不在名单中", "is not on it")
            out.append(Finding("winner_not_a_candidate", views.cycle, ("winners", i), Subject.winner(winner.id),
                               f"{winner.name.zh} 获奖，但{why_zh}（拟奖名单公示：{'、'.join(ids)}）",
                               f"{winner.name.zh} won, but {why_en} (the publicity of proposed winners: {', '.join(ids)})",
                               views.regulation, rule.cite[0]))
    return out


def decided_during_publicity(views: CycleViews) -> list[Finding]:
    """An award decision made before the publicity of proposed winners ended."""
    ends = [v.period.end for v in _candidate_publicity(views) if v.period is not None]
    if not ends:
        return []
    rule, out = fact(views.regulation, "proposed_winner_publicity"), []
    for i, view in enumerate(views.notices):
        decision = view.notice
        if NOTICE_KINDS[decision.kind].decides == "winners" and decision.published <= max(ends):
            out.append(Finding("decided_during_publicity", views.cycle, ("notices", i), Subject.notice(decision.id),
                               f"表彰决定发布于 {decision.published}，拟奖名单公示至 {max(ends)} 才结束",
                               f"the decision is dated {decision.published}, while the publicity of proposed winners ran until {max(ends)}",
                               views.regulation, rule.cite[0]))
    return out


def _awarded(cycle: Cycle) -> tuple[dict[str, int], dict[str, tuple]]:
    """How many awards of each category the cycle made (named, or counted where more), and
    where each category first appears in its file (a winner, else a count)."""
    named = Counter(w.category for w in cycle.winners)
    counted = {c.category: c.count for c in cycle.counts}
    numbers = {cat: max(named.get(cat, 0), counted.get(cat, 0)) for cat in CATEGORIES}
    place_of = {cat: ("counts", i) for i, c in enumerate(cycle.counts) for cat in [c.category]}
    place_of.update({w.category: ("winners", i) for i, w in reversed(list(enumerate(cycle.winners)))})
    return numbers, place_of


def category_absent(views: CycleViews) -> list[Finding]:
    categories = fact(views.regulation, "award_categories")
    allowed = categories.params.get("categories") if categories else None
    if allowed is None:
        return []
    numbers, place_of = _awarded(views.cycle)
    out = []
    for cat, number in numbers.items():
        if number and cat not in allowed:
            name = CATEGORIES[cat]
            out.append(Finding("category_absent", views.cycle, place_of[cat], Subject.category(cat),
                               f"{number} 个“{name.zh}”，但办法未设此类别", f"{number} × {name.en.lower()}, a category the regulation does not have",
                               views.regulation, categories.cite[0]))
    return out


def over_quota(views: CycleViews) -> list[Finding]:
    quota = fact(views.regulation, "quota")
    if quota is None:
        return []
    numbers, place_of = _awarded(views.cycle)
    cycle, reg, out = views.cycle, views.regulation, []
    for cat, number in numbers.items():
        limit = quota.params.get(cat)
        if limit is not None and number > limit:
            name = CATEGORIES[cat]
            out.append(Finding("over_quota", cycle, place_of[cat], Subject.category(cat), f"“{name.zh}” {number} 个，超过每届名额 {limit} 个",
                               f"{number} × {name.en.lower()}, over the quota of {limit} per session", reg, quota.cite[0]))
    total, number = quota.params.get("total"), sum(numbers.values())
    if total is not None and number > total:
        out.append(Finding("over_quota", cycle, ("winners",), Subject.category("total"), f"共 {number} 个奖项，超过每届总数 {total} 个",
                           f"{number} awards in all, over the total of {total} per session", reg, quota.cite[0]))
    return out


def reapplication_in_ban(views: CycleViews) -> list[Finding]:
    """A winner awarded again where its regulation bars it: never again, or not within so
    many years or sessions of its earlier award."""
    rule = fact(views.regulation, "reapplication_after_winning")
    if rule is None or rule.params.get("rule") in (None, "allowed"):
        return []
    cycle, out = views.cycle, []
    for i, view in enumerate(views.winners):
        winner, decided = view.winner, view.decided
        for before in views.earlier:
            if not same_winner(winner, before.winner):
                continue
            kind, why = rule.params["rule"], None
            if kind == "never":
                why = ("办法规定获奖者不得再次申报", "the regulation bars winners from applying again")
            elif kind == "after_years" and decided and before.decided and decided < add_years(before.decided, rule.params["years"]):
                why = (f"距上次获奖（{before.decided}）不足 {rule.params['years']} 年",
                       f"less than {rule.params['years']} years after its award of {before.decided}")
            elif kind == "after_sessions" and cycle.session and before.cycle.session \
                    and cycle.session - before.cycle.session <= rule.params["sessions"]:
                # "间隔三届": three whole sessions must lie between the two awards
                why = (f"距上次获奖（第{before.cycle.session}届）间隔不足 {rule.params['sessions']} 届",
                       f"fewer than {rule.params['sessions']} sessions between this and its award in session {before.cycle.session}")
            if why:
                out.append(Finding("reapplication_in_ban", cycle, ("winners", i), Subject.winner(winner.id),
                                   f"{winner.name.zh} 再次获奖：{why[0]}", f"{winner.name.en or winner.name.zh} won again: {why[1]}",
                                   views.regulation, rule.cite[0]))
                break
    return out


def awarded_after_revocation(views: CycleViews) -> list[Finding]:
    """A winner awarded inside the ban that followed the revocation of its earlier award,
    measured by the regulation of the cycle that revoked it (so whether or not this
    cycle's own is held)."""
    out = []
    for i, view in enumerate(views.winners):
        winner, decided = view.winner, view.decided
        for before in views.earlier:
            revoked = views.revoked.get(before.winner.id)
            if revoked is None or not same_winner(winner, before.winner) or decided is None:
                continue
            revocation, ban = revoked.revocation, revoked.ban
            if ban.fact and revocation.decided <= decided and (ban.permanent or (ban.until and decided <= ban.until)):
                until = "永久" if ban.permanent else f"至 {ban.until}"
                until_en = "for good" if ban.permanent else f"until {ban.until}"
                out.append(Finding("reapplication_in_ban", views.cycle, ("winners", i), Subject.winner(winner.id),
                                   f"{winner.name.zh} 获奖时仍在撤销后的禁止申报期内（{revocation.decided} 撤销，{until}）",
                                   f"{winner.name.en or winner.name.zh} won while barred after the revocation of {revocation.decided} ({until_en})",
                                   revoked.regulation, ban.fact.cite[0]))
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


def revocation_ground_unlisted(views: CycleViews) -> list[Finding]:
    reg, out = views.regulation, []
    for i, view in enumerate(views.revocations):
        revocation = view.revocation
        grounds = fact(reg, f"revocation_grounds_{view.winner.winner.kind}")
        if grounds is None:
            continue
        for j, ground in enumerate(revocation.grounds):
            if not covered(ground, grounds.cite):
                zh, en = _labels(reg, ground)
                listed = cited_places(reg.text, _broadest(grounds.cite))
                out.append(Finding("revocation_ground_unlisted", views.cycle, ("revocations", i, "grounds", j),
                                   Subject.revocation(revocation.winner),
                                   f"撤销依据{zh}不在办法所列撤销情形之内（办法所列：{'、'.join(p[1] for p in listed)}）",
                                   f"the ground cited, {en}, is not among the revocation grounds the regulation lists"
                                   f" ({'; '.join(p[2] for p in listed)})", reg, grounds.cite[0]))
    return out


def revocation_outside_window(views: CycleViews) -> list[Finding]:
    window, out = fact(views.regulation, "revocation_window"), []
    if window is None:
        return []
    for i, view in enumerate(views.revocations):
        revocation, decided = view.revocation, view.winner.decided
        if applies_to(window, revocation) and decided and revocation.decided > add_years(decided, window.params["years"]):
            out.append(Finding("revocation_outside_window", views.cycle, ("revocations", i, "decided"),
                               Subject.revocation(revocation.winner),
                               f"撤销于 {revocation.decided}，距获奖（{decided}）已超过 {window.params['years']} 年",
                               f"revoked on {revocation.decided}, more than {window.params['years']} years after the award of {decided}",
                               views.regulation, window.cite[0]))
    return out


# Every check with the kind it raises, in the order a cycle's findings are listed (on its
# city's page and by `check`).
CHECKS: list[tuple[str, Check]] = [
    ("publicity_too_short", publicity_too_short),
    ("winner_not_a_candidate", winner_not_a_candidate),
    ("decided_during_publicity", decided_during_publicity),
    ("category_absent", category_absent),
    ("over_quota", over_quota),
    ("reapplication_in_ban", reapplication_in_ban),
    ("revocation_ground_unlisted", revocation_ground_unlisted),
    ("revocation_outside_window", revocation_outside_window),
    ("reapplication_in_ban", awarded_after_revocation),
]
