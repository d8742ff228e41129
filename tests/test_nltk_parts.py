"""NLTK's Punkt loads without nltk/__init__ and leaves the program's own ``import nltk`` intact."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from helpers import ROOT

from summarize.nltk_parts import nltk_module

HEAVY = ("sklearn", "scipy.stats", "nltk")


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip()


def test_a_summary_imports_neither_scikit_learn_nor_scipy_stats_nor_the_nltk_package() -> None:
    out = _run(
        f"""
        import sys
        import summarize
        from pathlib import Path
        summary = summarize.summarize([Path("seeds")], words=150)
        assert summary.sentences
        print(sorted({{m.split(".")[0] if m.startswith(("sklearn", "nltk")) else m
                      for m in sys.modules if m.startswith({HEAVY!r})}}))
        """
    )
    assert out == "[]"


def test_the_programs_own_import_nltk_is_the_whole_package_afterwards() -> None:
    out = _run(
        """
        import summarize
        summarize.split_sentences("Dr. Smith arrived. He spoke.")
        import nltk
        from nltk.tokenize import punkt
        print(nltk.FreqDist("abca").max(), nltk.stem.PorterStemmer().stem("running"), nltk.tokenize.punkt is punkt)
        """
    )
    assert out == "a run True"


def test_a_program_that_imported_nltk_shares_its_modules() -> None:
    out = _run(
        """
        import nltk.tokenize.punkt as theirs
        from summarize.nltk_parts import nltk_module
        print(nltk_module("nltk.tokenize.punkt") is theirs)
        """
    )
    assert out == "True"


def test_a_failing_lean_load_falls_back_to_the_ordinary_import() -> None:
    out = _run(
        """
        import importlib.util
        importlib.util.find_spec = lambda name, package=None: None  # the lean path cannot find NLTK
        from summarize.nltk_parts import nltk_module
        module = nltk_module("nltk.tokenize.punkt")
        import sys
        print(module.PunktSentenceTokenizer().tokenize("It works. Yes."), "nltk" in sys.modules)
        """
    )
    assert out == "['It works.', 'Yes.'] True"


def test_only_nltk_modules_are_loaded() -> None:
    with pytest.raises(ValueError, match="not an NLTK module"):
        nltk_module("numpy")
