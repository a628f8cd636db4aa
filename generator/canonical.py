"""The canonical layout of a content file, so that diffs stay small and review is easy.

`awardsite fmt` rewrites a file to it and `awardsite check` reports a file that is
not in it (as a finding: `--strict`, and so CI, fails on it). Canonical means: the
`yaml-language-server` schema line first; keys in the order of the record type's
fields (unknown keys kept, after the known ones, for `check` to report); 2-space
indentation with list dashes under their key; dates as YYYY-MM-DD; strings quoted
only where YAML needs it (so an id such as '2022' that would read as a number stays
quoted); long plain text wrapped at 120 columns; one final newline. Comments are
kept. A file `check` cannot read (not UTF-8, over the size limit, a YAML error, a
duplicate key, …) is left as it is: `fmt` prints check's located message for it and
exits 1. ruamel.yaml does the round trip; formatting twice gives the same bytes. The
round trip is slow (about 20 ms a file), so `check` skips the files the cache knows
canonical and formats the others on every core.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .errors import Problem
from .fieldtypes import layout
from .filekinds import FileKind, kind_of
from .links import files, folders

if TYPE_CHECKING:
    from .cache import Layouts

WIDTH = 120


def content_files(root: Path) -> list[Path]:
    """Every YAML file of content/ (award cycles and calendar overrides), sorted; never a
    link nor a file in a linked folder (`fmt` would write through it; `check` refuses them)."""
    return [path for folder in folders(root / "content", root) for path in files(folder, "*.yaml", root)]


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments and key order survive
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.representer.add_representer(type(None), _null)  # `regulation: null`, not an empty value
    return yaml


def _null(representer, _value):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def canonical_text(text: str, kind: FileKind, block: str | None = None) -> str:
    """`text` in the canonical layout. Raises ruamel's YAMLError on a syntax error. With
    `block`, the list under that top-level key is written one entry a line (`- …`), as
    `awardsite new` needs it to add an entry, even where the file wrote it `[…]`."""
    yaml = _yaml()
    data = yaml.load(text)
    _arrange(data, ("model", kind.model))
    if block is not None and isinstance(data, CommentedMap) and isinstance(data.get(block), CommentedSeq):
        data[block].fa.set_block_style()
    out = io.StringIO()
    yaml.dump(data, out)
    lines = out.getvalue().rstrip("\n").split("\n")
    lines = [line.rstrip() for line in lines if not line.startswith("# yaml-language-server:")]
    return "\n".join([kind.schema_line, *lines]) + "\n"


def first_difference(text: str, canonical: str) -> int:
    """The first line (from 1) where `text` departs from its canonical form."""
    for number, (a, b) in enumerate(zip(text.split("\n"), canonical.split("\n")), start=1):
        if a != b:
            return number
    return min(text.count("\n"), canonical.count("\n")) + 1


def round_trip_problem(rel: str, exc: YAMLError) -> Problem:
    """A file `load_file` reads but the round trip refuses (ruamel reads YAML 1.2, PyYAML
    1.1), located where ruamel stopped."""
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = getattr(exc, "problem", None) or exc
    return Problem(rel, line, column, "", f"YAML 语法错误，无法整理：{reason}", f"YAML syntax error, cannot format: {reason}")


def as_read(raw: bytes) -> str:
    """A file's text as it is compared with its canonical form: UTF-8 with universal
    newlines, a byte-order mark kept (so that it counts as a departure). Raises
    UnicodeDecodeError on a file `load_file` refuses."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def format_file(path: Path, kind: FileKind, write: bool = True, raw: bytes | None = None) -> tuple[bool, int]:
    """Bring one file (its bytes `raw`, when already read) into the canonical layout.
    Returns (was it canonical, first differing line)."""
    text = as_read(path.read_bytes() if raw is None else raw)
    canonical = canonical_text(text, kind)
    if text == canonical:
        return True, 0
    if write:
        path.write_text(canonical, encoding="utf-8")
    return False, first_difference(text, canonical)


def not_canonical(root: Path, known: Layouts | None = None) -> list[tuple[str, int]]:
    """The content files not in the canonical layout, as (path, first differing line).
    A file that cannot be read is left to `check`'s own problems. With `known` (the
    cache's table of layouts), a file known canonical is not formatted again, and each
    file found canonical is added to it. Many files are formatted on every core."""
    todo = []
    for path in content_files(root):
        rel = path.relative_to(root).as_posix()
        kind = kind_of(rel)
        if kind is None or not kind.canonical:
            continue
        raw = path.read_bytes()
        if known is None or not known.canonical(rel, raw):
            todo.append((rel, raw))
    out = []
    for (rel, raw), line in zip(todo, _departures(todo)):
        if line == 0 and known is not None:
            known.put(rel, raw)
        elif line:
            out.append((rel, line))
    return out


PARALLEL_FROM = 20  # files per worker process below which starting one costs more than it saves


def _departures(files: list[tuple[str, bytes]]) -> list[int | None]:
    """`_departure` of each file, in worker processes when there are many."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = min(cores, len(files) // PARALLEL_FROM)
    if workers > 1:
        try:
            with ProcessPoolExecutor(workers) as pool:
                return list(pool.map(_departure, files, chunksize=len(files) // (8 * workers) + 1))
        except (OSError, BrokenProcessPool):  # no processes to be had here (a sandbox, a limit): one at a time
            pass
    return [_departure(file) for file in files]


def _departure(file: tuple[str, bytes]) -> int | None:
    """The first line where a file (path, bytes) departs from the canonical layout: 0 where
    it does not, None where it is not YAML in UTF-8. Read as `format_file` reads it."""
    rel, raw = file
    try:
        text = as_read(raw)
        canonical = canonical_text(text, kind_of(rel))
    except (YAMLError, UnicodeDecodeError):
        return None
    return 0 if text == canonical else first_difference(text, canonical)


# ---------------------------------------------------------------- key order

def _arrange(node, shape: tuple | None) -> None:
    if shape is None:
        return
    what, inner = shape
    if what == "list" and isinstance(node, CommentedSeq):
        for item in node:
            _arrange(item, inner)
    elif what == "dict" and isinstance(node, CommentedMap):
        for value in node.values():
            _arrange(value, inner)
    elif what == "model" and isinstance(node, CommentedMap):
        fields = inner.model_fields
        order = [k for k in fields if k in node] + [k for k in node if k not in fields]
        if list(node) != order:
            for key in order:
                node.move_to_end(key)
        for key, value in node.items():
            if key in fields:
                _arrange(value, layout(fields[key].annotation))
