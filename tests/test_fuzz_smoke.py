"""Seconds of the fuzzers (``tests/fuzz/fuzz_pipeline.py``, ``tests/fuzz/fuzz_json_input.py``) on every test run; the
long runs are those scripts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

FUZZ = Path(__file__).resolve().parent / "fuzz"


def load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_fuzz_smoke_finds_no_exception_and_no_superlinear_time() -> None:
    fuzz_pipeline = load("fuzz_pipeline")
    report = fuzz_pipeline.fuzz(seconds=20, seed=0, small=8_000, large=32_000, out=lambda line: None)
    assert report.failures == []
    assert report.crash_examples >= 100 and report.scaling_examples >= 5
    assert set(report.worst) == set(fuzz_pipeline.TARGETS)


def test_json_fuzz_smoke_answers_every_line_without_an_internal_error() -> None:
    fuzz_json_input = load("fuzz_json_input")
    report = fuzz_json_input.fuzz(seconds=10, seed=0, out=lambda line: None)
    assert report.failures == []
    assert report.batch_examples >= 20 and report.file_examples >= 20
