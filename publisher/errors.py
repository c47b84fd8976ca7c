"""The one exception family users see: its message is the whole one-line report."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 2
    input_file = 3
    output_file = 4
    unexpected = 9


class PublisherError(Exception):
    """Base class: ``str(error)`` is what the command line prints, nothing more."""

    exit_code = ExitCode.unexpected

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(PublisherError):
    """The page could not be read, decoded or understood."""

    exit_code = ExitCode.input_file


class OutputError(PublisherError):
    """An output file could not be written."""

    exit_code = ExitCode.output_file
