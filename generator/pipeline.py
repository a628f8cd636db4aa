"""The flow, assembled once: gather → check the corrections → derive → render and export.
`build`, `serve` and the benchmark call these two functions, so none of them can skip a
stage or derive a thing twice (mkdocs' build: first gather everything, then write)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .collect import Corpus, gather_with_cache
from .corrections import correction_problems
from .errors import DataError, Problem
from .records import AwardRecords, award_records
from .schedule import as_of


@dataclass(frozen=True)
class Derived:
    """Everything the pages and the exported files are made from, as of `today`: the
    corpus as the public may see it that day, and the records derived from it."""

    root: Path
    today: dt.date
    corpus: Corpus
    records: AwardRecords
    preview: bool = False  # a day asked for (--today): the pages keep to it, rather than the reader's clock


def prepare(root: Path, today: dt.date, corpus: Corpus | None = None, preview: bool = False) -> Derived:
    """Gather the project (or take `corpus`, already gathered), refuse corrections that
    cannot stand, keep back what is dated after `today` (`schedule.as_of`), and work out
    the records once."""
    corpus = gather_with_cache(root) if corpus is None else corpus
    problems = correction_problems(corpus)
    if problems:
        raise DataError(problems)
    shown = as_of(corpus, today)
    return Derived(root, today, shown, award_records(shown, today), preview)


def outputs(derived: Derived, parallel: bool = True) -> tuple[dict[str, str], dict[str, str]]:
    """The pages (with the official texts beside them) and the exported files, as
    {path under the docs folder: text} each; two that would be written to one path are
    refused rather than one silently overwriting the other. `parallel`: the languages'
    pages rendered at the same time, in a forked process (not from a process that runs
    threads, as `serve` does: a fork copies only the thread that makes it)."""
    from .exports import export_files
    from .render import render_site

    pages = render_site(derived.corpus, derived.today, derived.root, derived.records, derived.preview, parallel=parallel)
    exports = export_files(derived.corpus, derived.today, derived.root, derived.records)
    clashes = sorted(pages.keys() & exports.keys())
    if clashes:
        raise DataError([Problem(path, 1, 1, "", "页面与导出文件的路径相同，二者只能写一个",
                                 "a page and an exported file would be written to the same path; only one can be")
                         for path in clashes])
    return pages, exports
