"""Fit the shipped weights of the ``learned`` relevance on the training data and write them to the package.

The training data is DUC 2002 (59 clusters, 200-word references) and DUC 2003 (the 8 clusters that share nothing
with DUC 2004, 100-word references); DUC 2004 is the test and is never read here. ``benchmarks/quality.py`` fits
the same model on four of five folds of those 67 clusters and scores it on the fifth; this script makes the fit on
all of them, the weights ``centrality="learned"`` uses unless given others. Only the weights (the last is the
intercept) are written, never the data.

    python benchmarks/train_relevance.py [--data DIR] [--check]   (DIR holds duc2002/ and duc2003/)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarize import RELEVANCE_FEATURES, prepare  # noqa: E402
from summarize.evaluation.dataset import load_dataset  # noqa: E402
from summarize.evaluation.training import RIDGE_ALPHA, TARGET_RECALL, fit_weights, training_rows  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
TRAINING_SETS = (("duc2002", 200), ("duc2003", 100))
"""The training sets and their summary length in words (their references' length), in pooled order."""
WEIGHTS = ROOT / "summarize" / "data" / "relevance_weights.json"


def weights_document(weights: Sequence[float]) -> str:
    """The JSON the package reads: the features, their weights and how they were fitted."""
    return (
        json.dumps(
            {
                "fitted_on": "DUC 2002 (59 clusters, 200-word references) and DUC 2003 (8 clusters that share nothing "
                "with DUC 2004, 100-word references); DUC 2004 is the test and was not read",
                "command": "python benchmarks/train_relevance.py --data ../shared/data",
                "method": f"evaluation/training.py: ridge regression (alpha {RIDGE_ALPHA}) of per-sentence "
                f"({' + '.join(f'{m} / {t}' for m, t in TARGET_RECALL.items())}) recall per word "
                "on the standardised features",
                "features": list(RELEVANCE_FEATURES),
                "weights": list(weights),
            },
            indent=2,
        )
        + "\n"
    )


def matches(shipped: dict, weights: Sequence[float]) -> bool:
    """The shipped file names the same features and holds these weights (to 1e-6, relative: floating point may
    differ in its last bits between machines)."""
    return shipped.get("features") == list(RELEVANCE_FEATURES) and bool(
        np.allclose(shipped.get("weights", []), weights, rtol=1e-6, atol=0.0)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the folder holding duc2002/ and duc2003/")
    parser.add_argument("--check", action="store_true", help="only compare the fit with the shipped file")
    args = parser.parse_args(argv)
    missing = [name for name, _ in TRAINING_SETS if not (args.data / name / "docs").is_dir()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found under {args.data} (give --data)")
        return 0
    clusters = [c for name, _ in TRAINING_SETS for c in load_dataset(args.data / name).clusters]
    rows = training_rows([prepare(c.documents) for c in clusters], [c.references for c in clusters])
    weights = fit_weights(rows)
    if args.check:
        same = matches(json.loads(WEIGHTS.read_text(encoding="utf-8")), weights)
        print(f"{WEIGHTS.relative_to(ROOT)} {'matches' if same else 'does NOT match'} the fit")
        return 0 if same else 1
    document = weights_document(weights)
    WEIGHTS.write_text(document, encoding="utf-8")
    print(document, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
