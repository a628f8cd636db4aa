"""The mkdocs hook of `awardsite serve`: before each rebuild, render the pages again.

mkdocs loads this file by path, as a module of its own, so it imports the running
command's module by its package name (no relative imports here).
"""

from generator import serve


def on_pre_build(config, **kwargs) -> None:
    serve.regenerate()
