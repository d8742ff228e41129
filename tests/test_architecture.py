"""The shape of the package: no import circles (lazy imports and the method registry's included), stages only
import the stages below them, the method registry and the command line agree, and mypy is clean."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "summarize"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("summarize.errors", "summarize.types", "summarize.render", "summarize.safe_json"),  # to_dict renders lazily
    ("summarize.options", "summarize.languages", "summarize.output", "summarize.order", "summarize.fetch"),
    ("summarize.clusters", "summarize.clean", "summarize.split"),
    ("summarize.load", "summarize.represent", "summarize.score", "summarize.select"),
    ("summarize.compress", "summarize.concepts", "summarize.redundancy"),
    ("summarize.relevance",),
    ("summarize.methods.*", "summarize.methods"),
    ("summarize.pipeline",),
    ("summarize.api",),
    ("summarize.batch", "summarize.batch.*"),
)
"""Low to high: a module imports only modules of its own layer or lower ones. Modules not listed (the command line,
the package's front ``__init__``, code that lands later) sit above all of these."""


def layer_of(module: str) -> int:
    for index, names in enumerate(LAYERS):
        for name in names:
            if module == name or (name.endswith(".*") and module.startswith(name[:-1])):
                return index
    return len(LAYERS)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports at run time, at module level or inside functions (imports under
    ``if TYPE_CHECKING:`` are for type checkers only and never run)."""
    name = module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("summarize"):
                    found.add(resolve(alias.name) or alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}".rstrip(".")
            if base.startswith("summarize"):
                for alias in node.names:
                    target = resolve(f"{base}.{alias.name}")
                    found.add(target if (target and target != "summarize") or base == "summarize" else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return {m for m in found if m in modules and m != "summarize"}


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, plus the registry's lazy edges to each method's module."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    graph = {module_name(p): imports_of(p, modules) for p in paths}
    from summarize.methods import METHODS

    graph["summarize.methods"] |= {method.function.partition(":")[0] for method in METHODS.values()}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    source = tmp_path / "summarize" / "x.py"
    source.parent.mkdir()
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from summarize import z\n"
                      "def f():\n    from summarize.y import g\n    from . import w\n", encoding="utf-8")  # fmt: skip
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert imports_of(source, {"summarize.x", "summarize.y", "summarize.z", "summarize.w"}) == {
            "summarize.y", "summarize.w"
        }  # fmt: skip
    finally:
        ROOT = saved


def test_there_is_no_import_circle_in_the_package() -> None:
    assert find_cycle(import_graph()) is None


def test_each_module_imports_only_its_own_layer_or_lower_ones() -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(source)
    ]
    assert upward == []


def test_the_method_registry_imports_no_numpy() -> None:
    code = "import sys, summarize.methods, summarize.options, summarize.cli; print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"


def test_every_registered_method_resolves_to_a_function() -> None:
    from summarize.methods import METHODS

    for name, method in METHODS.items():
        assert method.name == name and method.help and callable(method.resolve()), name


def _click_command(name: str):  # type: ignore[no-untyped-def]
    import typer.main

    from summarize.cli import app

    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["run", "batch"])
def test_the_cli_method_help_names_exactly_the_registry(command: str) -> None:
    from summarize.methods import METHODS, query_methods

    options = {p.name: p for p in _click_command(command).params}
    listed = options["method"].help.removeprefix("One of: ").rstrip(".").split(", ")
    assert listed == list(METHODS)
    if command == "run":
        assert f"({', '.join(query_methods())})" in options["query"].help


def test_summarize_methods_lists_the_registry() -> None:
    from typer.testing import CliRunner

    from summarize.cli import app
    from summarize.methods import METHODS

    result = CliRunner().invoke(app, ["methods"])
    assert [line.split()[0] for line in result.output.splitlines()] == list(METHODS)
    for line, method in zip(result.output.splitlines(), METHODS.values(), strict=True):
        assert line.endswith(method.help)


def test_the_query_check_and_the_centralities_read_their_registries() -> None:
    from summarize import Summarizer, UsageError
    from summarize.methods import METHODS
    from summarize.relevance import CENTRALITIES, CENTRALITY_FUNCTIONS

    assert tuple(CENTRALITY_FUNCTIONS) == CENTRALITIES
    for name, method in METHODS.items():
        if method.takes_query:
            Summarizer(name, query="missile production").validate()
        else:
            with pytest.raises(UsageError, match="a query works with the methods"):
                Summarizer(name, query="missile production").validate()
    for centrality in CENTRALITIES:
        Summarizer(centrality=centrality).validate()


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is in the dev extra")
def test_mypy_is_clean_on_the_package() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "summarize"], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
