"""What every command shares: the group, exit statuses, lexicon options.

Exit statuses (also in the README):

===  =============================================================================
0    done; no finding at or above ``--fail-on``
1    findings at or above ``--fail-on``
2    usage or configuration error (bad option, bad lexicon file)
3    some inputs could not be read (they are error records in the output)
130  interrupted (Ctrl-C): JSONL lines already written are whole, so ``--resume`` goes on
===  =============================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from functools import cached_property
from pathlib import Path

import click

from auditor import __version__
from auditor.errors import AuditorError


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    CONFIG_ERROR = 2
    INPUT_ERRORS = 3
    INTERRUPTED = 130


class LazyChoice(click.Choice):
    """A ``click.Choice`` whose values are read from the library when an option is first
    converted or shown in help: the modules that hold them import spaCy and scikit-learn, which
    ``auditor --version``, ``auditor rules`` or a usage error should not wait for."""

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self.case_sensitive = True

    @cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._load())


def _jurisdictions() -> tuple[str, ...]:
    from auditor.criteria import JURISDICTION_CHOICES

    return JURISDICTION_CHOICES


JURISDICTION = LazyChoice(_jurisdictions)
"""The ``--jurisdiction`` values: one per jurisdiction, and ``all``."""


def lexicon_options(command):
    """``--lexicon`` and ``--disable``, shared by every command that loads lexicons."""
    command = click.option(
        "--disable",
        "disable",
        multiple=True,
        metavar="ID_OR_CATEGORY",
        help="Switch off a rule by id or a whole category (repeatable).",
    )(command)
    return click.option(
        "--lexicon",
        "lexicon_dirs",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="Add the YAML lexicon files in DIR to the built-in ones (repeatable).",
    )(command)


class AuditorGroup(click.Group):
    """Turn configuration errors from the library into one line on stderr and exit status 2,
    and Ctrl-C into one line and the shell's status for an interrupt (130)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"auditor: {exc}", err=True)
            ctx.exit(ExitStatus.CONFIG_ERROR)
        except KeyboardInterrupt:
            click.echo("\nauditor: interrupted", err=True)
            ctx.exit(ExitStatus.INTERRUPTED)


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Flag risky marketing claims in stem-cell and regenerative-medicine clinic text."""
