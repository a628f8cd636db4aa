"""Stage 1, load: YAML files → plain data that remembers where every value stood.

Only PyYAML's safe composer is used. The node tree is turned into plain dicts,
lists and scalars by hand so that we can refuse what a safe loader accepts but an
official record must not contain: duplicate keys, anchors and aliases (the
"billion laughs" bomb), and files that are not UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re
import unicodedata

import yaml

from .errors import Problem

Path_ = tuple[str | int, ...]  # a value's place in the document: ("winners", 2, "kind")

MAX_BYTES = 2 * 1024 * 1024  # no record file is anywhere near this; a larger one is a mistake


@dataclass
class Document:
    """One YAML file's data, with the line and column of every value and key."""

    path: Path
    rel: str  # the path as shown in messages
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # a value YAML read as a number or true/false, as it was written ("0123", "12:30", "no")
    written: dict[Path_, str] = field(default_factory=dict)

    def where(self, place: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest ancestor."""
        place = tuple(place)
        while True:
            table = self.keys if key and place in self.keys else self.values
            if place in table:
                return table[place]
            if not place:
                return (1, 1)
            place = place[:-1]

    def problem(self, place: Path_, zh: str, en: str, key: bool = False) -> Problem:
        line, column = self.where(place, key)
        return Problem(self.rel, line, column, dotted(place), zh, en)


def dotted(place: Path_) -> str:
    """("winners", 2, "kind") → "winners[2].kind"."""
    out = ""
    for part in place:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Constructor(yaml.constructor.SafeConstructor):
    """Scalars only: we walk collections ourselves."""


def relative(path: Path, root: Path) -> str:
    """The path as messages show it: from the project root, with forward slashes."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None if it is too large to be a record (`load_file` says so)."""
    return path.read_bytes() if path.stat().st_size <= MAX_BYTES else None


def load_file(path: Path, root: Path, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file (or parse `raw`, its bytes as already read). Returns the
    document, or None and the problems found."""
    rel = relative(path, root)

    def fail(line: int, column: int, zh: str, en: str):
        return None, [Problem(rel, line, column, "", zh, en)]

    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_BYTES:
        return fail(1, 1, f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）",
                    f"file too large ({size} bytes; the limit is {MAX_BYTES})")
    if raw is None:
        raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(1, 1, "文件为 UTF-16 编码；请另存为 UTF-8",
                    "file is UTF-16 encoded; save it as UTF-8")
    if _looks_utf16(raw):
        return fail(1, 1, "文件似为 UTF-16 编码（无字节顺序标记）；请另存为 UTF-8",
                    "file looks UTF-16 encoded (without a byte-order mark); save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as Windows Notepad writes: harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1  # in characters, as editors count
        return fail(line, column,
                    "文件不是 UTF-8 编码（可能以 GBK 保存）；请在编辑器中另存为 UTF-8",
                    "file is not UTF-8 (perhaps saved as GBK); save it as UTF-8 in your editor")
    if "\x00" in text:
        return fail(1, 1, "文件含有空字符（NUL），不是文本文件", "file contains NUL characters: not a text file")
    if (found := NOT_IN_FILE.search(text)) is not None:
        return _control_in_file(fail, text, found.start(), ord(found.group()))
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(exc.problem or exc.context or "").split())
        if "'\\t'" in reason:  # a tab where YAML wants spaces
            return fail(line, column, f"YAML 语法错误：{reason}；缩进只能用空格，不能用制表符（Tab）",
                        f"YAML syntax error: {reason}; indent with spaces, never tabs")
        return fail(line, column, f"YAML 语法错误：{reason}", f"YAML syntax error: {reason}")
    except yaml.reader.ReaderError as exc:  # a character YAML cannot read, located by its position in the text
        return _control_in_file(fail, text, exc.position, exc.character)
    except yaml.YAMLError as exc:
        return fail(1, 1, f"YAML 语法错误：{exc}", f"YAML syntax error: {exc}")
    doc = Document(path, rel, None)
    if node is None:
        return fail(1, 1, "文件为空", "file is empty")
    problems: list[Problem] = []
    doc.data = _plain(node, (), doc, problems, _Constructor())
    return (None if problems else doc), problems


_LIBYAML = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml: the same nodes and marks, ~5× faster

MAX_DEPTH = 50  # a record nests a handful of levels; a deeper file is a mistake or an attack


class _BoundedLoader(yaml.SafeLoader):
    """The pure-Python composer, which stops descending below MAX_DEPTH + 1 levels: a
    deeper collection is skipped event by event (no recursion) and stands as an empty
    scalar at its own place, where `_plain` reports it as it reports a deep node that
    libyaml composed. So a too-deep file gets the same located message whichever
    PyYAML is installed: with libyaml, without it, and whatever depth libyaml itself
    accepts (0.2.6 refuses flow nesting past 1,000 levels; the pure composer would
    exhaust Python's recursion long before that)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self._depth > MAX_DEPTH:
            start = self.peek_event().start_mark
            end = self._skip_node()
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", start, end)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def save_possible_simple_key(self):
        """Below MAX_DEPTH + 1 levels of flow collections nothing is composed, so there a
        collection (`[`, `{`) is not kept as a possible mapping key: the scanner would keep
        one per level and go through all of them at every token (reading 10 KB of `[` took
        4 s, 100 KB 42 s). A collection used as a key that deep (`{[a]: b}`) is then a
        syntax error, located; `{x: {x: …` reads as before."""
        if self.flow_level > MAX_DEPTH + 1 and self.peek() in "[{":
            self.remove_possible_simple_key()  # as saving one would
        else:
            super().save_possible_simple_key()

    def _skip_node(self) -> yaml.Mark:
        """Consume one node's events, however deep; the end mark of its last one."""
        level = 0
        while True:
            event = self.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1
            if level == 0:
                return event.end_mark


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, composed by libyaml where PyYAML has it. A file libyaml
    refuses is composed again by the pure-Python parser, whose messages (quoted in the
    problems below) are the ones this project documents and tests, and whose depth is
    bounded (`_BoundedLoader`)."""
    if _LIBYAML is not None:
        try:
            return yaml.compose(text, Loader=_LIBYAML)
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=_BoundedLoader)

# Characters that change how text is shown without being seen: zero-width characters,
# direction marks, embeddings, overrides and isolates, a byte-order mark inside the
# text, soft hyphens, blank "letters" (the Hangul fillers, U+180E) and the tag
# characters. A name or a title holding one can read differently from what it says
# (U+202E turns "exe.txt" into "txt.exe"), so none may appear in any value or key.
# Ideographic spaces (U+3000) and other visible spacing are ordinary text and allowed.
INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]      # zero-width space, (non-)joiner, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]    # LRE, RLE, PDF, LRO, RLO
    + [chr(c) for c in range(0x2060, 0x2065)]    # word joiner, invisible operators
    + [chr(c) for c in range(0x2066, 0x206A)]    # LRI, RLI, FSI, PDI
    + ["\u061c", "\ufeff"]                        # Arabic letter mark, BOM / zero-width no-break space
    + ["\u00ad", "\u034f", "\u180e"]              # soft hyphen, combining grapheme joiner, Mongolian vowel separator
    + ["\u115f", "\u1160", "\u3164", "\uffa0"]    # Hangul fillers, which show as blanks
    + [chr(c) for c in range(0xE0000, 0xE0080)]  # tag characters
)

# Characters that are not text at all: the C0 controls but tab and line feed (a
# carriage return, a NUL, an escape), DEL, the C1 controls, lone surrogates and the
# noncharacters (U+FFFE, U+FDD0…). YAML refuses them written raw in a file, but its
# escapes ("\0", "\e", "\x7f", "\uFFFE") put them into a value, and from there they
# would end up in pages, feeds and spreadsheets. One rule for every value: refused.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab, line feed, carriage return; DEL; C1
_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                                      for plane in range(17))
NOT_TEXT = re.compile(f"[\r{_CONTROLS}{_NONCHARACTERS}]")
# In a file, a carriage return ends a line (Windows); anything else above is refused where
# it stands, before YAML reads it: YAML would take a raw U+0085 (often a mis-decoded "…")
# for a line break and quietly change the text.
NOT_IN_FILE = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}]")

# The tags a plain record may carry (implicit or written as !!str etc.); any other
# (!!python/object, !!binary, !custom) is refused rather than silently ignored.
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                           ("null", "bool", "int", "float", "str", "timestamp", "map", "seq"))


_FIND_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")  # none of them is special in a class


def invisible_character(text: str) -> tuple[int, str] | None:
    """The first invisible formatting character in `text`: (index, "U+202E RIGHT-TO-LEFT OVERRIDE")."""
    found = _FIND_INVISIBLE.search(text)
    if found is None:
        return None
    char = found.group()
    return found.start(), f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"


def text_problem(text: str) -> tuple[str, str] | None:
    """What makes `text` unfit to be a value or a key (a control character, an
    invisible one), in both languages; None when it is fit."""
    if (found := NOT_TEXT.search(text)) is not None:
        code = f"U+{ord(found.group()):04X}"
        return (f"含有控制字符或非文字字符 {code}（第 {found.start() + 1} 个字符），不能显示；请删除",
                f"contains the control or non-character {code} (character {found.start() + 1}), which cannot be shown; delete it")
    if (hidden := invisible_character(text)) is not None:
        return (f"含有不可见的格式字符 {hidden[1]}（第 {hidden[0] + 1} 个字符）；请删除",
                f"contains the invisible formatting character {hidden[1]} (character {hidden[0] + 1}); delete it")
    return None


def _control_in_file(fail, text: str, position: int, character):
    line, column = _line_column(text, position)
    name = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return fail(line, column, f"文件含有不可打印的控制字符 {name}；请删除",
                f"file contains the control character {name}, which cannot be printed; delete it")


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a NUL after (or before) each byte."""
    head = raw[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _plain(node: yaml.Node, place: Path_, doc: Document, problems: list[Problem], ctor) -> Any:
    doc.values[place] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if getattr(node, "_seen", False):  # met before: an alias (*name)
        if not getattr(doc, "_alias_reported", False):  # once a file: a "billion laughs" has thousands
            doc._alias_reported = True
            problems.append(doc.problem(place, "不允许使用锚点和别名（& 与 *）；请直接写出内容",
                                        "anchors and aliases (& and *) are not allowed; write the value out"))
        return None
    node._seen = True  # a node met twice is an alias
    if len(place) > MAX_DEPTH:
        line, column = doc.where(place)  # named by its first levels: the full path is as long as the nesting
        problems.append(Problem(doc.rel, line, column, dotted(place[:3]) + "…",
                                f"嵌套层数过多（上限 {MAX_DEPTH} 层）", f"nested too deeply (the limit is {MAX_DEPTH} levels)"))
        return None
    if node.tag not in _STANDARD_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")  # as it was written
        problems.append(doc.problem(place, f"不允许使用标签“{tag}”；请直接写出内容",
                                    f"the tag '{tag}' is not allowed; write plain values"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(doc.problem(place, "不允许使用合并键 <<", "merge keys (<<) are not allowed"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(doc.problem(place, "键必须是简单文字", "a key must be plain text"))
                continue
            key = str(key_node.value)
            at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if (unfit := text_problem(key)) is not None:
                problems.append(Problem(doc.rel, *at, dotted(place + (key,)), f"键{unfit[0]}", f"the key {unfit[1]}"))
                continue
            if key in out:
                first = doc.keys[place + (key,)]
                problems.append(Problem(doc.rel, *at, dotted(place + (key,)),
                                        f"重复的键“{key}”（第一次出现在第 {first[0]} 行）；每个键只能写一次",
                                        f"duplicate key '{key}' (first at line {first[0]}); write each key once"))
                continue
            doc.keys[place + (key,)] = at
            out[key] = _plain(value_node, place + (key,), doc, problems, ctor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(child, place + (i,), doc, problems, ctor) for i, child in enumerate(node.value)]
    try:
        value = ctor.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. 2024-02-30 matches the timestamp pattern but is no date
        problems.append(doc.problem(place, f"不存在的日期“{node.value}”；日期格式为 YYYY-MM-DD",
                                    f"'{node.value}' is not a real date ({exc}); write dates as YYYY-MM-DD"))
        return None
    except yaml.YAMLError as exc:
        problems.append(doc.problem(place, f"无法读取的值“{node.value}”", f"unreadable value '{node.value}': {exc}"))
        return None
    if isinstance(value, str):
        if (unfit := text_problem(value)) is not None:
            problems.append(doc.problem(place, *unfit))
            return None
    elif isinstance(value, (bool, int, float)) and not node.style:  # plain: None (PyYAML) or "" (libyaml)
        doc.written[place] = node.value  # e.g. 0123 read as 83, 12:30 as 750, no as false
    return value
