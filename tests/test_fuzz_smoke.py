"""Twenty seconds of the fuzzer (``tests/fuzz/fuzz_pipeline.py``) on every test run; the long run is that script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "fuzz" / "fuzz_pipeline.py"


def test_fuzz_smoke_finds_no_exception_and_no_superlinear_time() -> None:
    spec = importlib.util.spec_from_file_location("fuzz_pipeline", SCRIPT)
    assert spec is not None and spec.loader is not None
    fuzz_pipeline = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_pipeline"] = fuzz_pipeline  # dataclasses look their module up there
    spec.loader.exec_module(fuzz_pipeline)
    report = fuzz_pipeline.fuzz(seconds=20, seed=0, small=8_000, large=32_000, out=lambda line: None)
    assert report.failures == []
    assert report.crash_examples >= 100 and report.scaling_examples >= 5
    assert set(report.worst) == set(fuzz_pipeline.TARGETS)
