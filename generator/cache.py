"""What a run learnt about each file, kept so that the next run reads again only what changed.

`check`, `build` and `serve` keep two tables in `.awardsite-cache/` at the project root
(git-ignored; deleting the folder is always safe):

- **load**: for each file that loaded and validated with no problem of its own, its
  plain data and the line and column of every value and key. The next run validates
  the data again (pydantic is quicker at that than pickle is at rebuilding records)
  and skips the YAML parser; the positions are unpacked only for a file a finding or
  a cross-file problem points into, so every message says the same `file:line:column`.
- **layout**: the files found in the canonical layout, so `check` need not run the
  ruamel.yaml round trip on them again.

An entry is keyed by the file's path and the SHA-256 of its bytes, and a table by a
fingerprint of the code that made it (our sources, the versions of the libraries that
read, validate and format). A file with any problem, or not in the canonical layout,
is never stored: it is read afresh every time, and every error and finding is found
and said exactly as without the cache. A table that is missing, unreadable, corrupt,
made by other code, or not writable is ignored (and rebuilt), and so is one that is a
symbolic link (a commit can hold one: nothing is read or written through it); it never
stops a run and never changes its output. A table is written whole to a temporary file
and swapped in, its SHA-256 in front so that a damaged one is known; only plain values,
dates and times may come out of it (a pickle could otherwise name any function to call).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import secrets
import sys
from array import array
from itertools import chain
from pathlib import Path
from typing import Any

from .load import Document

FOLDER = ".awardsite-cache"
FORMAT = 1  # raise when what a table holds changes shape
_WRITE_NO_LINK = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)  # opening a link fails

_SOURCES = Path(__file__).parent


def code_fingerprint(libraries: tuple[str, ...]) -> str:
    """SHA-256 of the generator's sources, Python's version and the named libraries' versions."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for name in libraries:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        digest.update(f" {name}={getattr(module, '__version__', getattr(module, 'VERSION', '?'))}".encode())
    for source in sorted(_SOURCES.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


class Table:
    """One table of `.awardsite-cache/`: file path → (SHA-256 of its bytes, what is known of them)."""

    def __init__(self, root: Path, name: str, libraries: tuple[str, ...]):
        self.file = root / FOLDER / f"{name}.pickle"
        self.fingerprint = code_fingerprint(libraries)
        self.linked = self.file.parent.is_symlink() or self.file.is_symlink()  # then never read nor written
        self.stored: dict[str, tuple[bytes, Any]] = {} if self.linked else _read(self.file, self.fingerprint)
        self.kept: dict[str, tuple[bytes, Any]] = {}  # the entries of this run: what `save` writes

    def get(self, rel: str, raw: bytes) -> Any:
        """What is known of these bytes of file `rel`, or None."""
        entry = self.stored.get(rel)
        if entry is None or entry[0] != hashlib.sha256(raw).digest():
            return None
        self.kept[rel] = entry
        return entry[1]

    def put(self, rel: str, raw: bytes, known: Any) -> None:
        self.kept[rel] = (hashlib.sha256(raw).digest(), known)

    def save(self) -> None:
        """Write this run's entries if they differ from the stored ones; never fails."""
        if self.linked:
            return
        if self.kept.keys() == self.stored.keys() and all(self.kept[k][0] == self.stored[k][0] for k in self.kept):
            return
        try:
            self.file.parent.mkdir(exist_ok=True)
            ignore = os.open(self.file.parent / ".gitignore", _WRITE_NO_LINK, 0o644)
            with open(ignore, "w", encoding="utf-8") as out:  # a link is refused (OSError), not written through
                out.write("*\n")  # even where the project's .gitignore does not say so
            payload = pickle.dumps((FORMAT, self.fingerprint, self.kept), protocol=pickle.HIGHEST_PROTOCOL)
            temporary = self.file.with_name(f"{self.file.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            try:
                with open(temporary, "xb") as out:  # a name of its own: two runs at once each write their own
                    out.write(hashlib.sha256(payload).digest())  # first: a damaged table is known as such
                    out.write(payload)
                os.replace(temporary, self.file)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return  # a read-only project: the next run reads everything again, as without a cache
        self.stored = dict(self.kept)


class _DatesOnly(pickle.Unpickler):
    """Unpickles plain values and dates; refuses anything else (a pickle can name any callable)."""

    ALLOWED = {("datetime", name): getattr(dt, name) for name in ("date", "datetime", "time", "timedelta", "timezone")}

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return self.ALLOWED[(module, name)]


def _unpickle(blob: bytes, start: int = 0) -> Any:
    stream = io.BytesIO(blob)
    stream.seek(start)
    return _DatesOnly(stream).load()


def _read(file: Path, fingerprint: str) -> dict:
    """The entries of a table file, or none if it is missing, damaged or made by other code."""
    try:
        raw = file.read_bytes()
        if hashlib.sha256(memoryview(raw)[32:]).digest() != raw[:32]:
            return {}
        form, made_by, entries = _unpickle(raw, 32)
        if form == FORMAT and made_by == fingerprint and isinstance(entries, dict):
            return entries
    except Exception:  # unreadable, or a pickle that cannot be read back: start empty
        pass
    return {}


# ---------------------------------------------------------------- loaded documents

class Documents:
    """The `load` table: documents known to load and validate with no problem of their own."""

    def __init__(self, root: Path):
        self.table = Table(root, "load", ("yaml", "pydantic", "pydantic_core", "stdnum"))

    def get(self, path: Path, rel: str, raw: bytes) -> Document | None:
        """The document of these bytes, if they are known good."""
        blob = self.table.get(rel, raw)
        if blob is None:
            return None
        try:
            data, values, keys, written = _unpickle(blob)
            return _KnownDocument(path, rel, data, values, keys, written)
        except Exception:
            return None

    def put(self, doc: Document, raw: bytes) -> None:
        """Remember a document that gave no problem (its positions packed, checked to unpack the same)."""
        values, keys = _places(doc.data)
        if values != list(doc.values) or keys != list(doc.keys):
            return  # not laid out as the loader walks it: not worth a risk
        blob = pickle.dumps((doc.data, _pack(doc.values), _pack(doc.keys), doc.written), protocol=pickle.HIGHEST_PROTOCOL)
        self.table.put(doc.rel, raw, blob)

    def save(self) -> None:
        self.table.save()


class _KnownDocument(Document):
    """A document from the cache: its positions are unpacked the first time they are asked for."""

    def __init__(self, path: Path, rel: str, data: Any, values: bytes, keys: bytes, written: dict):
        self.path, self.rel, self.data, self.written = path, rel, data, written
        self._packed = (values, keys)

    def __getattr__(self, name: str):
        if name not in ("values", "keys") or "_packed" not in self.__dict__:
            raise AttributeError(name)
        places = _places(self.data)
        self.values, self.keys = (_unpack(where, packed) for where, packed in zip(places, self.__dict__.pop("_packed")))
        return self.__dict__[name]


def _places(data: Any) -> tuple[list[tuple], list[tuple]]:
    """Every value's and every key's place in `data`, in the order the loader meets them."""
    values: list[tuple] = []
    keys: list[tuple] = []
    _walk(data, (), values, keys)
    return values, keys


def _walk(node: Any, place: tuple, values: list[tuple], keys: list[tuple]) -> None:
    # not a closure: a function that calls itself through its own cell is a reference cycle,
    # and would keep both lists alive until the cycle collector came by
    values.append(place)
    if isinstance(node, dict):
        for key, inner in node.items():
            keys.append(place + (key,))
            _walk(inner, place + (key,), values, keys)
    elif isinstance(node, list):
        for i, inner in enumerate(node):
            _walk(inner, place + (i,), values, keys)


def _pack(positions: dict[tuple, tuple[int, int]]) -> bytes:
    return array("I", chain.from_iterable(positions.values())).tobytes()


def _unpack(places: list[tuple], packed: bytes) -> dict[tuple, tuple[int, int]]:
    numbers = array("I")
    numbers.frombytes(packed)
    if len(numbers) != 2 * len(places):
        raise ValueError("cached positions do not match the data")
    return dict(zip(places, zip(numbers[0::2], numbers[1::2])))


# ---------------------------------------------------------------- the canonical layout

class Layouts:
    """The `layout` table: files known to be in the canonical layout."""

    def __init__(self, root: Path):
        self.table = Table(root, "layout", ("ruamel.yaml",))

    def canonical(self, rel: str, raw: bytes) -> bool:
        return self.table.get(rel, raw) is True

    def put(self, rel: str, raw: bytes) -> None:
        self.table.put(rel, raw, True)

    def save(self) -> None:
        self.table.save()
