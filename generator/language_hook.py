"""The mkdocs hook of one language's process in a parallel build (generator/site.py).

mkdocs-static-i18n builds the default language, then, from its post-build step, each
other language in turn, in one process. Here the process builds the one language named
by AWARDSITE_LANGUAGE: the plugin starts with that language as its current one and is
told it is already building, so its post-build step builds no other. Every language
keeps `build: true`, so the language switcher, each page's alternates and the sitemap's
are those of the whole site.

mkdocs loads this file by path, as a module of its own: no imports from the package.
"""

import os

from mkdocs.plugins import event_priority


@event_priority(100)  # before the plugin's own on_config (priority -100), which reads the language
def on_config(config, **kwargs):
    i18n = config.plugins["i18n"]
    i18n.current_language = os.environ["AWARDSITE_LANGUAGE"]
    i18n.building = True
    return config
