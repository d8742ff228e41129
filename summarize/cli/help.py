"""Help pages that read like a Unix tool's: ``summarize --help`` lists the default command's options, metavars are
words (``N``, ``X``, ``TEXT``, ``PATH...``) rather than Python types (``<int range>``, ``<list[str]>``), usage lines
carry no ``{braces}``, and a command's line in the list is its whole first paragraph, wrapped, never cut at "...".

``HumanHelpCommand`` is the class of every subcommand (``DefaultCommandGroup`` gives it to the commands typer
builds); ``format_group_help`` writes the group's page. Only help output changes: parsing is typer's.
"""

from __future__ import annotations

import inspect
import typing
from pathlib import PurePath
from typing import Any

from typer.core import TyperCommand

# Metavars by the annotated (or click) type; an explicit ``metavar=`` in a declaration wins.
_BY_TYPE: dict[Any, str] = {int: "N", float: "X", str: "TEXT"}
_BY_CLICK_NAME = {"integer": "N", "integer range": "N", "float": "X", "float range": "X", "text": "TEXT"}


def human_metavar(param: Any) -> str:
    """The word that stands for a parameter's value in help: its ``metavar``, else one named after its type."""
    if param.metavar:
        return str(param.metavar)
    descriptor = getattr(param, "type_descriptor", None)  # typer >= 0.20 keeps the annotation
    if descriptor is not None:
        choices = getattr(descriptor, "choices", None) if getattr(descriptor, "is_choice", False) else None
        if choices:
            return "|".join(str(getattr(choice, "value", choice)) for choice in choices)
        annotation = _element_type(descriptor.annotation)
        if isinstance(annotation, type) and issubclass(annotation, PurePath):
            return "PATH"
        if annotation in _BY_TYPE:
            return _BY_TYPE[annotation]
    click_type = getattr(param, "type", None)  # older typer: a click ParamType
    choices = getattr(click_type, "choices", None)
    if choices:
        return "|".join(map(str, choices))
    name = str(getattr(click_type, "name", "") or "")
    if name in _BY_CLICK_NAME:
        return _BY_CLICK_NAME[name]
    if name in ("path", "file", "directory"):
        return "PATH"
    return (param.name or "VALUE").upper()


def _element_type(annotation: Any) -> Any:
    """``int`` for ``int | None``, ``list[int]`` or ``Optional[list[int]]``."""
    for _ in range(3):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if typing.get_origin(annotation) in (list, tuple, typing.Union) or type(annotation).__name__ == "UnionType":
            if not args:
                break
            annotation = args[0]
        else:
            break
    return annotation


def argument_label(param: Any) -> str:
    """``PATH...`` for a list of paths, ``DATA`` for one, ``[DATA]`` when it may be left out."""
    label = human_metavar(param) if param.metavar else (param.name or "ARG").upper()
    if param.nargs != 1 and not label.endswith("..."):
        label += "..."
    return label if param.required else f"[{label}]"


def option_label(param: Any) -> str:
    """``-w, --words N``; a flag as its names (``--compress / --no-compress``)."""

    def names(opts: list[str]) -> str:
        return ", ".join(sorted(opts, key=lambda opt: len(opt) - len(opt.lstrip(opt[:1]))))

    label = names(list(param.opts))
    if getattr(param, "secondary_opts", None):
        label += " / " + names(list(param.secondary_opts))
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return label
    metavar = human_metavar(param)
    return f"{label} {metavar}{'...' if param.nargs not in (1, None) and not metavar.endswith('...') else ''}"


def help_records(command: Any, ctx: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The Arguments and Options rows of a command: typer's help texts with human labels."""
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            arguments.append((argument_label(param).strip("[]"), record[1]))
        elif param.param_type_name == "option":
            options.append((option_label(param), record[1]))
    return arguments, options


def write_records(formatter: Any, arguments: list[tuple[str, str]], options: list[tuple[str, str]]) -> None:
    if arguments:
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Options"):
            formatter.write_dl(options)


def first_paragraph(text: str | None) -> str:
    """A command's help up to its first blank line, on one line: its line in the list of commands."""
    return " ".join(inspect.cleandoc(text or "").partition("\n\n")[0].split())


class HumanHelpCommand(TyperCommand):
    """A typer command whose help uses human metavars and whose one-line help is never cut."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [argument_label(param) for param in self.get_params(ctx) if param.param_type_name == "argument"]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        write_records(formatter, *help_records(self, ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        return first_paragraph(self.short_help or self.help)


def format_group_help(group: Any, ctx: Any, formatter: Any, default_name: str) -> None:
    """The group's page: both usages, its text, the default command's arguments and options (with the group's
    own), the commands, each with its whole first paragraph."""
    default = group.commands.get(default_name)
    path = ctx.command_path
    if default is None:
        group.format_usage(ctx, formatter)
        group.format_help_text(ctx, formatter)
        group.format_options(ctx, formatter)
        group.format_epilog(ctx, formatter)
        return
    sub_ctx = type(ctx)(default, info_name=default_name, parent=ctx)
    pieces = " ".join(default.collect_usage_pieces(sub_ctx))
    formatter.write_usage(path, pieces)
    formatter.write_usage(path, "COMMAND [ARGS]...", prefix="   or: ")
    group.format_help_text(ctx, formatter)
    arguments, options = help_records(default, sub_ctx)
    own = help_records(group, ctx)[1]
    own_names = {label for label, _ in own}
    write_records(formatter, arguments, [row for row in options if row[0] not in own_names] + own)
    names = [default_name, *(name for name in group.list_commands(ctx) if name != default_name)]
    rows = [
        (name, first_paragraph(command.short_help or command.help))
        for name in names
        if (command := group.get_command(ctx, name)) is not None and not command.hidden
    ]
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)
    group.format_epilog(ctx, formatter)
