"""``python -m summarize`` runs the command line."""

from summarize.cli import entry_point

entry_point()
