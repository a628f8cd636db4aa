"""The mkdocs hook of `awardsite serve`: before each rebuild, render the pages again.

mkdocs loads this file by path, as a module of its own, so it imports the running
command's module by its package name (no relative imports here).
"""

from pathlib import Path

from generator import serve
from generator.site import index_for_search


def on_pre_build(config, **kwargs) -> None:
    serve.regenerate()


def on_post_build(config, **kwargs) -> None:
    """Index the served site for search, as `awardsite build` does after mkdocs: once,
    after the last language. mkdocs-static-i18n builds the other languages from its own
    post-build step, which runs after this one, so this runs once per language."""
    languages = config.plugins["i18n"].config.languages
    if config.theme["language"] == languages[-1].locale:
        index_for_search(Path(config["site_dir"]))
