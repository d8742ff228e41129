"""The ``summarize`` command: a thin layer over the Python API.

``summarize PATH... [OPTIONS]`` is short for ``summarize run PATH... [OPTIONS]``; the other subcommands are
``split``, ``methods``, ``evaluate`` and ``batch``. ``summarize.cli.app`` holds the application and the options
the subcommands share; each subcommand's module registers it. Heavy modules (NumPy, SciPy, sumy) are
imported only inside the commands that need them.
"""

from __future__ import annotations

from summarize.cli import batch as _batch  # noqa: F401  (registers the subcommands)
from summarize.cli import commands as _commands  # noqa: F401
from summarize.cli import evaluate as _evaluate  # noqa: F401
from summarize.cli import stories as _stories  # noqa: F401
from summarize.cli.app import HELP, app, build_summarizer, check_one_budget, entry_point, fail, main, warn

__all__ = ["HELP", "app", "build_summarizer", "check_one_budget", "entry_point", "fail", "main", "warn"]
