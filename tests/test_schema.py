"""docs/summary.schema.json (JSON Schema 2020-12) describes the real JSON output, and rejects what it should."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError

from summarize import Document, available_methods, summarize
from summarize.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "summary.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def metadata_documents() -> list[Document]:
    return [
        Document(
            text=path.read_text(encoding="utf-8"),
            id=f"seed-{n}",
            title=f"Seed article {n}" if n % 2 else None,
            url=f"https://example.com/seed-{n}" if n % 2 else None,
            published=f"2024-07-{25 + n:02d}T0{n}:30:00Z",
        )
        for n, path in enumerate(sorted((ROOT / "seeds").glob("*.txt")))
    ]


def assert_valid_and_consistent(output: dict) -> None:
    VALIDATOR.validate(output)
    assert output["method"] in available_methods()
    ids = [source["id"] for source in output["sources"]]
    for sentence in output["sentences"]:  # what a schema cannot say: the ids refer to listed sources
        assert sentence["source"] in ids
        assert set(sentence["supporting_sources"]) <= set(ids) - {sentence["source"]}
    assert output["text"] == " ".join(s["text"] for s in output["sentences"])
    assert output["words"] == len(output["text"].split())


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_cli_json_for_the_seeds_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "seeds"), "--words", "150", "--format", "json"]) == 0
    assert_valid_and_consistent(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("method", ["mmr", "lexrank", "lead", "sumy-lsa"])
def test_to_json_with_metadata_documents_validates(method: str) -> None:
    summary = summarize(metadata_documents(), words=120, method=method, truncate=True)
    output = json.loads(summary.to_json())
    assert_valid_and_consistent(output)
    assert {s["title"] for s in output["sources"]} == {"Seed article 1", "Seed article 3", None}


def test_the_schema_rejects_broken_output() -> None:
    good = summarize(metadata_documents(), sentences=3).to_dict()
    VALIDATOR.validate(good)
    breakages = [
        lambda o: o.pop("sources"),
        lambda o: o["sentences"][0].pop("supporting_sources"),
        lambda o: o["sentences"][0].update(score=1.5),
        lambda o: o["sentences"][0].update(position=-1),
        lambda o: o["sentences"][0].update(source=3),
        lambda o: o.update(method="Not a method!"),
        lambda o: o["sources"][0].update(published="July 28"),
        lambda o: o.update(sentences=[]),
        lambda o: o.update(extra=True),
    ]
    for breakage in breakages:
        broken = copy.deepcopy(good)
        breakage(broken)
        with pytest.raises(ValidationError):
            VALIDATOR.validate(broken)


def test_supporting_sources_is_one_name_in_json_python_and_readme() -> None:
    from dataclasses import fields

    from summarize import SummarySentence

    first, second = metadata_documents()[:2]
    summary = summarize([first, second, Document(first.text, id="copy")], sentences=3)
    python_names = {f.name for f in fields(SummarySentence)}
    json_sentences = summary.to_dict()["sentences"]
    assert "supporting_sources" in python_names and "supporting" not in python_names
    assert all("copy" in s.supporting_sources for s in summary.sentences if s.document == first.id)
    assert any(s.supporting_sources for s in summary.sentences)
    for sentence, record in zip(summary.sentences, json_sentences, strict=True):
        assert set(record) - {"source", "score", "text", "position"} <= python_names
        assert record["supporting_sources"] == list(sentence.supporting_sources)
        with pytest.warns(DeprecationWarning, match="supporting_sources"):
            assert sentence.supporting == sentence.supporting_sources  # the old name, for a while
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".supporting)" not in readme and "score, support\n" not in readme
    assert "sentence.supporting_sources" in readme
