"""Put a claim-strength grade on findings: one model call per batch of findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from auditor.report.models import Finding
from auditor.strength.model import StrengthModel

Key = TypeVar("Key")


def grade_findings(model: StrengthModel, findings: Sequence[Finding]) -> list[Finding]:
    """Return the findings with ``claim_strength`` and ``claim_strength_probability`` set from
    the grade of their sentence (each distinct sentence is graded once)."""
    sentences = list(dict.fromkeys(f.sentence for f in findings))
    grades = dict(zip(sentences, model.grade(sentences), strict=True))
    return [
        finding.model_copy(
            update={
                "claim_strength": grades[finding.sentence].label,
                "claim_strength_probability": grades[finding.sentence].probability,
            }
        )
        for finding in findings
    ]


def graded_in_batches(
    model: StrengthModel | None, items: Iterable[tuple[Key, list[Finding]]], size: int
) -> Iterator[tuple[Key, list[Finding]]]:
    """Yield ``items`` in order, their findings graded with one model call per ``size`` items.

    A Pipeline call costs several milliseconds however few sentences it grades, about as much
    as auditing a short page, so grading page by page would halve throughput. Without a model
    the items pass through unchanged.
    """
    if model is None:
        yield from items
        return
    items = iter(items)
    while batch := list(islice(items, size)):
        graded = iter(grade_findings(model, [f for _, found in batch for f in found]))
        for key, found in batch:
            yield key, [next(graded) for _ in found]
