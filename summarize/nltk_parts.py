"""NLTK's Punkt without running ``nltk/__init__.py``, so a summary starts in well under a second.

``import nltk`` executes the package's ``__init__``, which eagerly imports nearly all of NLTK, SciPy's ``stats``
and scikit-learn (about a second, ``benchmarks/SPEED.md``); the pipeline needs only Punkt, which imports
a few small NLTK helpers. When the program has not imported NLTK itself, ``nltk_module`` loads those modules
under stand-in parent packages and then removes every ``nltk`` entry from ``sys.modules``, holding the import lock
throughout: the program's own ``import nltk`` later still gets the real, complete package. If the program has
already imported NLTK, or the lean load fails (a future NLTK laid out differently), the ordinary import is used.
"""

from __future__ import annotations

import _imp
import importlib
import importlib.util
import os
import sys
from functools import cache
from types import ModuleType

# The parents whose ``__init__`` is skipped: nltk itself and the subpackage of the module we use.
_STAND_IN_PACKAGES = ("nltk", "nltk.tokenize")


@cache
def nltk_module(name: str) -> ModuleType:
    """The NLTK module ``name`` (e.g. ``"nltk.tokenize.punkt"``), imported once and cheaply (see the module doc)."""
    if not name.startswith("nltk."):
        raise ValueError(f"not an NLTK module: {name!r}")
    _imp.acquire_lock()  # no other thread may import NLTK while stand-ins sit in sys.modules
    try:
        if "nltk" in sys.modules:  # the program uses NLTK already: share its modules
            return importlib.import_module(name)
        try:
            return _import_without_package_init(name)
        except Exception:  # any failure of the lean path falls back to the ordinary import
            return importlib.import_module(name)
    finally:
        _imp.release_lock()


def _import_without_package_init(name: str) -> ModuleType:
    """Import ``name`` with bare stand-ins for its parent packages, then leave ``sys.modules`` free of NLTK."""
    spec = importlib.util.find_spec("nltk")  # finds the package without executing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    root = next(iter(spec.submodule_search_locations))
    for package in _STAND_IN_PACKAGES:
        stand_in = ModuleType(package)
        stand_in.__path__ = [root + package.removeprefix("nltk").replace(".", os.sep)]
        sys.modules[package] = stand_in
    try:
        return importlib.import_module(name)
    finally:
        for loaded in [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]:
            del sys.modules[loaded]
