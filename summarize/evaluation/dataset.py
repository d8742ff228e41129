"""Read an evaluation dataset laid out like DUC 2004: ``docs/<cluster>/``, ``refs/<cluster>/``, ``peers/<cluster>/``.

References and peer summaries are one sentence per line (ROUGE-1.5.5's SPL input). An optional
``dataset.json`` gives the dataset's name and standard summary length (``{"name": "seeds", "words": 150}``);
without it the name is the folder's and the length is DUC 2004's 100 words. Datasets that ship with summarize
(``seeds``) are in ``datasets/`` beside this module and are found by name: ``load_dataset("seeds")``.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

DUC_STANDARD_WORDS = 100
BUNDLED_DATASETS = Path(__file__).with_name("datasets")


class DatasetError(ValueError):
    """A dataset folder that does not have the expected layout."""


@dataclass(frozen=True)
class ClusterData:
    """One cluster: where its documents are, its reference summaries and any published systems' summaries."""

    id: str
    documents: Path
    references: tuple[str, ...]
    peers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """A named set of clusters with its standard summary length in words."""

    name: str
    clusters: tuple[ClusterData, ...]
    words: int = DUC_STANDARD_WORDS

    @property
    def systems(self) -> tuple[str, ...]:
        """Published systems that have a summary for every cluster."""
        if not self.clusters:
            return ()
        common = set.intersection(*(set(c.peers) for c in self.clusters))
        return tuple(sorted(common))


def _read_summaries(folder: Path) -> dict[str, str]:
    """``name -> text`` for the ``.txt`` files in ``folder`` (name order)."""
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")) if p.is_file()}


def bundled_datasets() -> tuple[str, ...]:
    """Names of the datasets that ship with summarize (package data, so they work from a wheel too)."""
    if not BUNDLED_DATASETS.is_dir():
        return ()
    return tuple(sorted(p.name for p in BUNDLED_DATASETS.iterdir() if (p / "docs").is_dir()))


def find_dataset(spec: str | Path) -> Path:
    """The folder of dataset ``spec``: a folder with ``docs/`` as given, else the bundled dataset of that name.

    A folder that is not a dataset (the checkout's ``seeds/`` of raw articles) does not hide the bundled one. The
    bundled datasets' old place in a checkout, ``evaluation/datasets/<name>``, still resolves, with a
    DeprecationWarning. Anything else is returned as given, for :func:`load_dataset` to explain.
    """
    path = Path(spec)
    if (path / "docs").is_dir():
        return path
    name = str(spec)
    if name in bundled_datasets():
        return BUNDLED_DATASETS / name
    if path.parts[-3:-1] == ("evaluation", "datasets") and path.name in bundled_datasets() and not path.exists():
        warnings.warn(
            f"{path} moved into the package: load the dataset by name, load_dataset({path.name!r})",
            DeprecationWarning,
            stacklevel=3,
        )
        return BUNDLED_DATASETS / path.name
    return path


def load_dataset(path: str | Path) -> Dataset:
    """Read the dataset at ``path`` (or bundled under that name); a cluster without references is an error."""
    root = find_dataset(path)
    if not (root / "docs").is_dir():
        bundled = ", ".join(bundled_datasets()) or "none"
        raise DatasetError(
            f"{root} is not a dataset: it has no docs/ folder (expected docs/<cluster>/, refs/<cluster>/; "
            f"bundled datasets: {bundled})"
        )
    settings = (
        json.loads((root / "dataset.json").read_text(encoding="utf-8")) if (root / "dataset.json").is_file() else {}
    )
    clusters = []
    for folder in sorted(p for p in (root / "docs").iterdir() if p.is_dir() and not p.name.startswith(".")):
        references = tuple(_read_summaries(root / "refs" / folder.name).values())
        if not references:
            raise DatasetError(f"cluster {folder.name} has no reference summaries in {root / 'refs' / folder.name}")
        clusters.append(ClusterData(folder.name, folder, references, _read_summaries(root / "peers" / folder.name)))
    if not clusters:
        raise DatasetError(f"{root / 'docs'} holds no cluster folders")
    name = str(settings.get("name") or root.resolve().name)
    return Dataset(name=name, clusters=tuple(clusters), words=int(settings.get("words", DUC_STANDARD_WORDS)))
