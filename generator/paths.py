"""Where things lie under the language root (zh/ or en/ of the docs folder): each kind of
page by its name, `paths.<name>(ids…)` (its row of page_types.PAGE_TYPES makes its path:
`paths.regulation(city, version)` is `regulations/<city>/<version>.md`), the official
texts, which are files and not pages, and where mkdocs publishes a page (`address`).

The exports and the shards link to the pages through `paths.<name>`, the templates
through `urls.<name>`, relative to the page linking (page_types.PageLinks): both are
the rows' own functions, so every page's path is made in one place. A page's path is
looked up in the table when it is asked for, not as this module loads: gathering imports
this module (through urls), and the table imports gathering.
"""

from __future__ import annotations


def source_name(city: str, version: str) -> str:
    """The official text's file name, as it is downloaded."""
    return f"{city}-{version}.source.txt"


def source_file(city: str, version: str) -> str:
    """The official text as a file, in its source page's own folder (from the site's root: zh/)."""
    return f"regulations/{city}/{version}/source/{source_name(city, version)}"


def address(path: str) -> str:
    """Where mkdocs publishes the page at `path`, from the language root: `a/b.md` at
    `a/b/`, an `index.md` at its folder (the home page at "")."""
    folder, _, name = path.rpartition("/")
    if name == "index.md":
        return folder + "/" if folder else ""
    return path.removesuffix(".md") + "/"


def __getattr__(name: str):
    """`paths.<name>`: the path function of the kind of page called `name` (page_types.PATHS)."""
    if not name.startswith("_"):  # Python's own questions (`__path__`, …) are not kinds of page
        from .page_types import PATHS

        if name in PATHS:
            return PATHS[name]
    raise AttributeError(f"no kind of page is called {name!r} (generator/page_types.py)")
