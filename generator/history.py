"""History: the records as last committed, and what a change to them must carry.

What is published stays published: a published text changes only with a correction
that keeps the old text, and a published record is never removed. `check` reads each
award-cycle file that changed as it stands in a commit (`git show REF:path`) and
compares it record by record, a record being its file and its notice or winner id.
The commit is HEAD; in CI on a pull request, the branch it targets (`GITHUB_BASE_REF`
→ `origin/<base>`); or the one `check --since REF` (or `AWARDSITE_SINCE`) names.
Where there is no git, no repository, no commit yet, or the project is not in that
commit, `check` says once that it could not compare, and goes on.

The same comparison says which notices are new (added since that commit, or dated
today or later): a new notice that departs from its regulation is an error unless it
says why (`departures`); in a record already published, a departure stays a finding.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .collect import Corpus
from .corrections import published_records, text_at, text_fields
from .errors import Problem, UsageError
from .filekinds import CYCLE, kind_of, path_of
from .findings import FINDING_KINDS, Finding, Subject
from .load import load_file
from .model import Cycle, Notice, Winner
from .validate import validate
from .words import Words

BASE_VARIABLE = "GITHUB_BASE_REF"  # set by GitHub Actions on a pull request: the branch it targets


@dataclass
class Committed:
    """The award-cycle files as of a commit, as far as the working files differ from them."""

    ref: str
    files: frozenset[str]  # every cycle file in the commit (paths from the project's root)
    changed: frozenset[str]  # the files that differ from it: changed, added or removed
    before: dict[str, Cycle | None] = field(default_factory=dict)  # a changed or removed file's committed cycle (None: unreadable)

    def notice_ids(self, rel: str) -> set[str] | None:
        """The notice ids of `rel` as committed; None where that is not known."""
        if rel not in self.files:
            return set()
        if rel not in self.changed:
            return None  # unchanged: every notice was committed
        cycle = self.before.get(rel)
        return {n.id for n in cycle.notices} if cycle else None


@dataclass(frozen=True)
class NotCompared:
    """Why the records could not be compared with a commit."""

    zh: str
    en: str

    def __str__(self) -> str:
        return (f"awardsite: 未能与已提交的版本比较（{self.zh}）；已发布记录的改动未经核对 | "
                f"could not compare with the committed version ({self.en}); changes to published records were not checked")


def since_ref(given: str | None) -> tuple[str, str | None]:
    """The commit to compare with, and what asked for it (None: HEAD, by default)."""
    if given:
        return given, "--since"
    base = os.environ.get(BASE_VARIABLE)
    return (f"origin/{base}", f"{BASE_VARIABLE}={base}") if base else ("HEAD", None)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                          env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})


def read_committed(root: Path, given: str | None) -> Committed | NotCompared:
    """The committed version to compare with; a ref asked for that is not a commit is a usage error."""
    ref, asked = since_ref(given)
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except OSError:
        return NotCompared("找不到 git 程序", "git is not installed")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        return NotCompared("不是 git 仓库", "not a git repository")
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        if asked:  # a commit asked for and not there: the command is wrong, or CI did not fetch the branch
            hint = ("（CI 中请取回目标分支：actions/checkout 的 fetch-depth: 0）", " (in CI, fetch the target branch: fetch-depth: 0 "
                    "in actions/checkout)") if asked.startswith(BASE_VARIABLE) else ("", "")
            raise UsageError(f"{asked}：“{ref}”不是本仓库中的提交{hint[0]}", f"{asked}: '{ref}' is not a commit of this repository{hint[1]}")
        return NotCompared("还没有任何提交", "no commit yet")
    if _git(root, "cat-file", "-e", f"{ref}:./mkdocs.yml").returncode != 0:
        return NotCompared(f"{ref} 中没有本项目", f"the project is not in {ref}")
    listed = _git(root, "ls-tree", "-r", "--name-only", "-z", ref, "--", "content")
    files = frozenset(p for p in _names(listed.stdout) if _is_cycle(p))
    diff = _git(root, "diff", "--no-renames", "--name-only", "-z", "--relative", ref, "--", "content")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "content")
    changed = frozenset(p for p in _names(diff.stdout) + _names(untracked.stdout) if _is_cycle(p))
    committed = Committed(ref, files, changed)
    for rel in sorted(changed & files):
        shown = _git(root, "show", f"{ref}:./{rel}")
        doc, problems = load_file(root / rel, root, shown.stdout) if shown.returncode == 0 else (None, [])
        cycle, problems = validate(doc, Cycle) if doc is not None else (None, problems)
        committed.before[rel] = cycle
    return committed


def _names(output: bytes) -> list[str]:
    return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]


def _is_cycle(rel: str) -> bool:
    return kind_of(rel) is CYCLE


# ---------------------------------------------------------------- published texts and records

def _shown(text: str, limit: int = 60) -> str:
    """A text as a message quotes it: on one line, and cut short when long."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _day(published: dt.date | None) -> tuple[str, str]:
    return (f"于 {published} ", f" on {published}") if published else ("", "")


def history_problems(corpus: Corpus, committed: Committed, today: dt.date) -> list[Problem]:
    """Every published text changed without a correction that keeps it, and every published
    record (or file of them) removed, compared with `committed`."""
    out: list[Problem] = []
    current = {corpus.source(c).rel: c for city in corpus.cities.values() for c in city.cycles}
    for rel, before in sorted(committed.before.items()):
        if before is None:
            continue
        published = [(place, record, day) for place, record, day in published_records(before) if day is None or day <= today]
        cycle = current.get(rel)
        if cycle is None:
            if before.example and not corpus.demo:  # fiction leaving the real site for the demo: never a published record of it
                continue
            if published:
                out.append(_removed_file(rel, committed.ref, [record for _, record, _ in published]))
            continue
        doc = corpus.source(cycle)
        now = {(place[0], record.id): (place, record) for place, record, _ in published_records(cycle)}
        for place, old, day in published:
            found = now.get((place[0], old.id))
            if found is None:
                out.append(_removed(doc, place[0], old.id, day))
                continue
            at, new = found
            for path in text_fields(type(old)):
                was = text_at(old, path)
                if was is None or was == text_at(new, path) or any(
                        c.field == path and c.was == was for c in new.corrections):
                    continue
                out.append(_rewritten(doc, at, new, path, was, day))
    return out


def _rewritten(doc, at: tuple, record, path: str, was: str, day: dt.date | None) -> Problem:
    shown, (on_zh, on_en) = _shown(was), _day(day)
    other = [(j, c) for j, c in enumerate(record.corrections) if c.field == path]
    if other:  # a correction of the field, with another old text: say which text it must keep
        j, c = max(other, key=lambda pair: pair[1].date)
        return doc.problem(at + ("corrections", j, "was"),
                           f"{path} {on_zh}发布时为“{shown}”；这条更正的 was 应为发布时的原文（现为“{_shown(c.was)}”）",
                           f"{path} was published{on_en} as '{shown}'; this correction's was must be that text "
                           f"(it is '{_shown(c.was)}')")
    whole = shown == was  # a long text (a body) is not quoted whole: the clerk copies it from the commit
    quoted = (f"“{was}”", f"'{was}'") if whole else ("发布时的全文", "the whole text as published")
    return doc.problem(at + tuple(path.split(".")),
                       f"{path} 已{on_zh}发布为“{shown}”，不能直接改写：改动须在本记录的 corrections 中记录原文、日期与原因"
                       f"（field: {path}，was: {quoted[0]}，date: 更正日期，why: 中英文原因）",
                       f"{path} was published{on_en} as '{shown}'; changing it needs a corrections entry on this record "
                       f"with field: {path}, was: {quoted[1]}, the date and why (zh, en)")


_RECORDS = {"notices": ("通知", "notice", "或发布更正通知", "or publish a correction notice"),
            "winners": ("获奖者", "winner", "或记录撤销决定（revocations）", "or record its revocation (revocations)")}


def _removed(doc, key: str, record_id: str, day: dt.date | None) -> Problem:
    zh, en, instead_zh, instead_en = _RECORDS[key]
    (on_zh, on_en) = _day(day)
    return doc.problem((key,), f"已{on_zh}发布的{zh}“{record_id}”被删除：已发布的记录须保留；有误之处请以 corrections 更正，{instead_zh}",
                       f"the {en} '{record_id}', published{on_en}, was removed: a published record stays; correct it "
                       f"with a corrections entry, {instead_en}")


def _removed_file(rel: str, ref: str, records: list) -> Problem:
    listed = [(zh, en, [r.id for r in records if isinstance(r, model)]) for zh, en, model in
              (("通知", "notices", Notice), ("获奖者", "winners", Winner))]
    zh = "；".join(f"{name} {', '.join(ids)}" for name, _, ids in listed if ids)
    en = "; ".join(f"{name} {', '.join(ids)}" for _, name, ids in listed if ids)
    return Problem(rel, 1, 1, "", f"此文件在 {ref} 中含已发布的记录（{zh}），现已删除：已发布的记录须保留；请恢复此文件"
                   f"（git checkout {ref} -- {rel}），有误之处以 corrections 更正，或发布更正通知、撤销决定",
                   f"this file held published records in {ref} ({en}) and was removed: a published record stays; "
                   f"restore it (git checkout {ref} -- {rel}) and correct it with corrections entries, or publish a "
                   f"correction notice or a revocation")


# ---------------------------------------------------------------- departures in new notices

def new_notices(corpus: Corpus, committed: Committed | None, today: dt.date) -> set[tuple[str, str]]:
    """(file, notice id) of every new notice: dated today or later, or added since the commit."""
    out = set()
    for city in corpus.cities.values():
        for cycle in city.cycles:
            rel = corpus.source(cycle).rel
            before = committed.notice_ids(rel) if committed else None
            out |= {(rel, n.id) for n in cycle.notices if n.published >= today or (before is not None and n.id not in before)}
    return out


def departure_problems(corpus: Corpus, found: list[Finding], new: set[tuple[str, str]],
                       names: dict[str, Words]) -> list[Problem]:
    """A new notice's departure from its regulation that the notice does not acknowledge;
    an acknowledgement of a finding the notice does not have. `names`: each kind of
    finding's name (strings.yaml)."""
    out = []
    for f in found:
        doc = corpus.source(f.cycle)
        if f.subject.kind == "notice" and (doc.rel, f.subject.id) in new and f.acknowledged is None:
            name, rule = names[f.kind], path_of(f.regulation)
            out.append(doc.problem(f.place, f"{name.zh}：{f.zh}（{rule} 第 {f.cite.article} 条）。新通知不得偏离所依据的办法；"
                                   f"确有原因的，请在此通知的 departures 中写明（finding: {f.kind}，why: 中英文原因），原因与此项发现一并公布",
                                   f"{name.en}: {f.en} ({rule} art. {f.cite.article}). A new notice may not depart from its "
                                   f"regulation; where it must, say why in its departures (finding: {f.kind}, why: zh and en), "
                                   f"which the site publishes beside the finding"))
    raised = {(path_of(f.cycle), f.subject, f.kind) for f in found}
    for city in corpus.cities.values():
        for cycle in city.cycles:
            doc = corpus.source(cycle)
            for i, notice in enumerate(cycle.notices):
                for j, departure in enumerate(notice.departures):
                    at = ("notices", i, "departures", j)
                    if departure.finding not in FINDING_KINDS:
                        guess = difflib.get_close_matches(departure.finding, list(FINDING_KINDS), n=1)
                        out.append(doc.problem(at + ("finding",), f"未知的发现类别“{departure.finding}”；应为 {', '.join(FINDING_KINDS)} 之一"
                                               + (f"；是否应为“{guess[0]}”？" if guess else ""),
                                               f"unknown kind of finding '{departure.finding}'; expected one of {', '.join(FINDING_KINDS)}"
                                               + (f"; did you mean '{guess[0]}'?" if guess else "")))
                    elif (doc.rel, Subject.notice(notice.id), departure.finding) not in raised:
                        out.append(doc.problem(at + ("finding",), f"此通知没有“{departure.finding}”这项发现"
                                               "（与办法相符，或本站未收录所依据办法的全文）：请删去这条说明",
                                               f"this notice has no finding '{departure.finding}' (it meets its regulation there, "
                                               "or the regulation's text is not held here): remove this entry"))
    return out
