"""Where each page lies: one function per kind of page, giving its Markdown file's path
under the language root (zh/ or en/ of the docs folder), the same in both languages.

Every path the site links to is made here and nowhere else: render.py writes each page
at the path its function gives (page_types.py), the exports link to the pages through
them (`urls.Links.page`), and the templates link through `PageLinks`, the same
functions relative to the page linking (`urls.regulation(city, version)` is
`../../regulations/<city>/<version>.md` from a notice), as mkdocs' `File.url_relative_to`
does. mkdocs then turns each into the page's published address, so a link is right
from wherever it is written.

A province (paging.Province, or None for a list's own page) is given as itself; its
`slug` names its pages. Ids in a path are those the model has validated.
"""

from __future__ import annotations

from markupsafe import Markup


def home() -> str:
    return "index.md"


def regulations() -> str:
    return "regulations/index.md"


def regulation(city: str, version: str) -> str:
    """A regulation version's page: its particulars and its text."""
    return f"regulations/{city}/{version}.md"


def parallel(city: str, version: str) -> str:
    """A version's Chinese and English side by side (only a version whose text is held)."""
    return f"regulations/{city}/{version}/parallel.md"


def source(city: str, version: str) -> str:
    """The official text a version was made from, shown as held."""
    return f"regulations/{city}/{version}/source.md"


def source_name(city: str, version: str) -> str:
    """The official text's file name, as it is downloaded."""
    return f"{city}-{version}.source.txt"


def source_file(city: str, version: str) -> str:
    """The official text as a file, in its source page's own folder (from the site's root: zh/)."""
    return f"regulations/{city}/{version}/source/{source_name(city, version)}"


def compare(province=None) -> str:
    """The comparison: its first columns (or all), or one province's."""
    return f"compare/province/{province.slug}/index.md" if province else "compare/index.md"


def topic(key: str, province=None) -> str:
    """One question of the comparison, the jurisdictions' articles side by side."""
    return f"compare/province/{province.slug}/{key}.md" if province else f"compare/{key}.md"


def guides() -> str:
    return "guides/index.md"


def guide(city: str) -> str:
    """A city's application guide, for its compared version."""
    return f"guides/{city}.md"


def glossary() -> str:
    return "glossary.md"


def search() -> str:
    return "search.md"


def notices(province=None) -> str:
    """The notices: the latest (or all), or one province's."""
    return f"notices/province/{province.slug}.md" if province else "notices/index.md"


def notice(city: str, cycle: str, notice_id: str) -> str:
    return f"notices/{city}/{cycle}/{notice_id}.md"


def winners(province=None) -> str:
    """The winners: the latest decided (or all), or one province's."""
    return f"winners/province/{province.slug}.md" if province else "winners/index.md"


def revocations(province=None) -> str:
    """The revocations: the latest (or all), or one province's."""
    return f"revocations/province/{province.slug}.md" if province else "revocations/index.md"


def cities() -> str:
    return "cities/index.md"


def city(city_id: str) -> str:
    """A city's award cycles: each one's timeline, winners, revocations and findings."""
    return f"cities/{city_id}.md"


def city_winners(city_id: str) -> str:
    """A city's winners: current holders, past winners, and their duties."""
    return f"winners/{city_id}.md"


def data() -> str:
    """The open data files, feeds and calendars, documented."""
    return "data.md"


def hand_written(name: str) -> str:
    """A page the editors wrote (content/pages/<name>.<lang>.md: about, …)."""
    return f"{name}.md"


# the functions above, by the name templates call them by
PATHS = {name: function for name, function in dict(globals()).items()
         if callable(function) and getattr(function, "__module__", None) == __name__ and not name.startswith("_")}


def address(path: str) -> str:
    """Where mkdocs publishes the page at `path`, from the language root: `a/b.md` at
    `a/b/`, an `index.md` at its folder (the home page at "")."""
    folder, _, name = path.rpartition("/")
    if name == "index.md":
        return folder + "/" if folder else ""
    return path.removesuffix(".md") + "/"


class PageLinks:
    """The pages as linked from the page at `here`: `base` (its way back to the language
    root, "../" per folder) before each function's path, for a Markdown link that mkdocs
    turns into the page's address. A link is a path made of validated ids, so it is
    written as it is (Markup), never escaped."""

    def __init__(self, here: str):
        self.here = here
        self.base = "../" * here.count("/")

    def __getattr__(self, kind: str):
        if kind not in PATHS:
            raise AttributeError(f"no kind of page is called {kind!r} (generator/paths.py)")
        path = PATHS[kind]
        return lambda *args: Markup(self.base + path(*args))

    def address(self, path: str) -> Markup:
        """The published page at `path` as a relative address from this published page, as
        mkdocs' get_relative_url makes it ("./", "../"): for a script, which reads no Markdown."""
        start, to = address(self.here).split("/")[:-1], address(path).split("/")[:-1]
        common = 0
        while common < min(len(start), len(to)) and start[common] == to[common]:
            common += 1
        return Markup("/".join([".."] * (len(start) - common) + to[common:]) or ".") + "/"
