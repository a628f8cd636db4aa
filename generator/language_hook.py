"""The mkdocs hook of one language's process in a parallel build (generator/site.py).

mkdocs-static-i18n builds the default language, then, from its post-build step, each
other language in turn, in one process. Here the process builds the one language named
by AWARDSITE_LANGUAGE: the plugin starts with that language as its current one and is
told it is already building, so its post-build step builds no other. Every language
keeps `build: true`, so the language switcher, each page's alternates and the sitemap's
are those of the whole site.

In an incremental build (generator/incremental.py), AWARDSITE_REBUILD names a file
listing the files of build/docs to render or copy again, one per line (and with
AWARDSITE_REBUILD_THEME=1, the theme's files as well: a shard's, generator/shards.py,
which starts from an empty folder), and mkdocs runs
with `--dirty` in a folder holding hard links to the last site's files: a file counts as
modified exactly when it is listed (not by its time), the theme's pages (404, sitemap)
are made again as always, each file about to be written is unlinked first, so that the
last site, which is still being served, is never written through, and what the last
site held and this build would not write (a removed page) is removed. The warning that
`--dirty` gives is for builds whose pages were chosen by time; ours are not.

mkdocs loads this file by path, as a module of its own: no imports from the package.
"""

import logging
import os

from mkdocs.plugins import event_priority

_rebuild: set[str] | None = None  # the files of build/docs listed to render or copy again
_theme = False  # whether to copy the theme's files (outside build/docs) again too: a shard's
_files = None  # this language's files, as mkdocs will write them


@event_priority(100)  # before the plugin's own on_config (priority -100), which reads the language
def on_config(config, **kwargs):
    global _rebuild, _theme
    i18n = config.plugins["i18n"]
    i18n.current_language = os.environ["AWARDSITE_LANGUAGE"]
    i18n.building = True
    listed = os.environ.get("AWARDSITE_REBUILD")
    if listed:
        with open(listed, encoding="utf-8") as f:
            _rebuild = set(f.read().splitlines())
        _theme = os.environ.get("AWARDSITE_REBUILD_THEME") == "1"
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    return config


def _not_the_dirty_warning(record) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@event_priority(-200)  # after the plugin's, which leaves this language's files
def on_files(files, config, **kwargs):
    if _rebuild is not None:
        for file in files:
            docs_path = None if file.abs_src_path is None else _docs_path(file.abs_src_path, config)
            again = docs_path is None or docs_path in _rebuild or (_theme and docs_path.startswith("../"))
            file.is_modified = lambda again=again: again
    return files


def _docs_path(path: str, config) -> str:
    return os.path.relpath(path, config.docs_dir).replace(os.sep, "/")


def on_env(env, config, files, **kwargs):
    """Everything is read; before anything is written, unlink what will be."""
    global _files
    if _rebuild is not None:
        _files = files
        for file in files:
            if file.inclusion.is_included() and file.is_modified():
                _unlink(file.abs_dest_path)
        for path in _templates(config):
            _unlink(path)
    return env


def _templates(config) -> list[str]:
    names = [*config.theme.static_templates, *config.extra_templates]
    paths = [os.path.join(config.site_dir, name) for name in names]
    return paths + [path + ".gz" for path in paths if path.endswith("sitemap.xml")]


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


@event_priority(-200)
def on_post_build(config, **kwargs):
    """Remove what this build would not have written: the pages and files that are gone."""
    if _rebuild is None:
        return
    kept = {os.path.normpath(file.abs_dest_path) for file in _files if file.inclusion.is_included()}
    kept.update(os.path.normpath(path) for path in _templates(config))
    for folder, subfolders, names in os.walk(config.site_dir, topdown=False):
        for name in names:
            path = os.path.normpath(os.path.join(folder, name))
            if path not in kept:
                os.unlink(path)
        if folder != config.site_dir and not os.listdir(folder):
            os.rmdir(folder)
