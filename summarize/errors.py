"""Errors the user can act on; the CLI prints them as one line and exits non-zero, never a traceback."""


class SummarizeError(Exception):
    """Base class: a problem with what the user gave us (exit code 1 in the CLI)."""

    exit_code = 1


class InputError(SummarizeError):
    """Input that cannot be read or summarised: missing paths, no readable text, a budget no sentence fits."""

    exit_code = 1


class UsageError(SummarizeError):
    """Options that do not make sense together or are out of range (exit code 2, like click)."""

    exit_code = 2


def os_reason(err: OSError) -> str:
    """A short lower-case reason for an OS error ("permission denied"), without Python's errno prefix."""
    return (err.strerror or str(err)).lower()


class SummarizeWarning(UserWarning):
    """A skipped file or similar problem that did not stop the summary."""


def warn_caller(message: str, category: type[Warning] = SummarizeWarning) -> None:
    """``warnings.warn`` pointing at the first frame outside the ``summarize`` package: the user's own line."""
    import sys
    import warnings
    from pathlib import Path

    package = str(Path(__file__).resolve().parent)
    level, frame = 2, sys._getframe(1)  # stacklevel 2 is the frame that called warn_caller
    while frame is not None and str(Path(frame.f_code.co_filename).resolve()).startswith(package):
        level, frame = level + 1, frame.f_back  # type: ignore[assignment]
    warnings.warn(message, category, stacklevel=level)
