"""The progress bar of a batch: documents done, documents/s and time left, on stderr.

Shown only when stderr is a terminal, so pipes, files and CI logs stay quiet.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from auditor.ingest import STDIN, is_supported

T = TypeVar("T")


def _rate(task: Task) -> float:
    """Documents per second since the start: records arrive a chunk at a time, so rich's
    short-window speed would jump with every chunk."""
    return task.completed / task.elapsed if task.elapsed else 0.0


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{_rate(task):.1f} docs/s", style="progress.data.speed")


class TimeLeftColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if task.total is None or not rate:
            return Text("ETA -:--:--", style="progress.remaining")
        left = int((task.total - task.completed) / rate)
        return Text(
            f"ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}", style="progress.remaining"
        )


def expected_documents(paths: Iterable[str]) -> int:
    """How many documents the inputs hold, for the bar's total: one per input file (folders
    walked); archives and tables count one each, so the total grows as their records come."""
    count = 0
    for item in paths:
        if item != STDIN and os.path.isdir(item):
            count += sum(1 for _, _, files in os.walk(item) for name in files if is_supported(name))
        else:
            count += 1
    return count


@contextmanager
def progress_bar(console: Console, expected: int | None):
    """Yield a function that counts records through the bar (a pass-through when quiet)."""
    with Progress(
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeLeftColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("audit", total=expected or None)

        def counted(records: Iterable[T]) -> Iterator[T]:
            for done, record in enumerate(records, start=1):
                total = max(expected, done) if expected else None
                progress.update(task, completed=done, total=total)
                yield record

        yield counted
