"""Evaluate the auditor against the gold-annotated corpus.

``corpus/annotations.jsonl`` has one line per document::

    {"doc": "docs/x.md", "split": "dev", "kind": "clinic_page", "tier": "high",
     "spans": [{"start": 1, "end": 9, "category": "efficacy_cure", "negated": true}, ...],
     "criteria": {"US-FDA-HCTP-HOMOLOGOUS-USE": "flag", ...}}      # optional

``split`` is ``dev`` for documents rule authors may read while tuning and ``test`` for held-out
documents nobody tunes against; report the ``test`` figures as the honest ones.

Span matching is lenient: a predicted finding and a gold span match when they share the category
and overlap by at least one character (phrase boundaries differ between annotators and rules;
what matters is that the right words are highlighted with the right category). Precision counts
predicted findings that overlap some gold span of their category; recall counts gold spans that
some finding of their category overlaps. Suppressed findings are not predictions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from auditor.audit import Auditor
from auditor.criteria.disclosures import DISCLOSURES
from auditor.errors import AuditorError, InputError
from auditor.ingest import iter_inputs
from auditor.report.models import CONTEXT_FLAGS, FLAGGED, DocumentReport


class PRF(BaseModel):
    name: str
    gold: int
    predicted: int
    gold_found: int
    predicted_correct: int

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class TierRow(BaseModel):
    doc: str
    gold: str
    predicted: str
    score: int


class EvaluationResult(BaseModel):
    split: str
    documents: int
    categories: list[PRF]
    overall: PRF
    tiers: list[TierRow]
    context: list[PRF]
    criteria_total: int = 0
    criteria_exact: int = 0
    criteria_flagged_agree: int = 0
    promotes_total: int = 0
    promotes_agree: int = 0
    disclosures_total: int = 0
    disclosures_agree: int = 0

    @property
    def tier_accuracy(self) -> float:
        return sum(t.gold == t.predicted for t in self.tiers) / len(self.tiers)


def load_annotations(corpus: Path) -> list[dict]:
    path = corpus / "annotations.jsonl"
    if not path.is_file():
        raise AuditorError("E111", path=path, problem="no annotations.jsonl in this corpus folder")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise AuditorError("E111", path=f"{path}:{number}", problem=exc.msg) from exc
    return records


def evaluate_corpus(auditor: Auditor, corpus: Path, split: str = "all") -> EvaluationResult:
    records = [r for r in load_annotations(corpus) if split in ("all", r.get("split"))]
    if not records:
        raise AuditorError("E111", path=corpus, problem=f"no documents in split {split!r}")
    documents = []
    for item in iter_inputs([str(corpus / r["doc"]) for r in records]):
        if isinstance(item, InputError):
            raise AuditorError("E111", path=item.source, problem=str(item))
        documents.append(item)
    reports = list(auditor.audit_documents(documents))
    return score_reports(records, reports, split)


def score_reports(
    records: list[dict], reports: list[DocumentReport], split: str = "all"
) -> EvaluationResult:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    context: dict[str, dict[str, int]] = {f: defaultdict(int) for f in CONTEXT_FLAGS}
    tiers = []
    crit_total = crit_exact = crit_flagged = 0
    promotes_total = promotes_agree = disclosures_total = disclosures_agree = 0
    for record, report in zip(records, reports, strict=True):
        gold = record.get("spans", [])
        predicted = [f for f in report.findings if not f.suppressed]
        for span in gold:
            cat = counts[span["category"]]
            cat["gold"] += 1
            match = _best_overlap(span, [f for f in predicted if f.category == span["category"]])
            if match is None:
                continue
            cat["gold_found"] += 1
            for flag in CONTEXT_FLAGS:
                said, found = bool(span.get(flag)), getattr(match.context, flag)
                context[flag]["gold"] += said
                context[flag]["predicted"] += found
                context[flag]["hit"] += said and found
        for finding in predicted:
            cat = counts[finding.category]
            cat["predicted"] += 1
            if any(
                s["category"] == finding.category and _overlaps(s, finding.start, finding.end)
                for s in gold
            ):
                cat["predicted_correct"] += 1
        tiers.append(
            TierRow(
                doc=record["doc"],
                gold=record["tier"],
                predicted=report.risk.tier,
                score=report.risk.score,
            )
        )
        if "promotes" in record:
            promotes_total += 1
            promotes_agree += record["promotes"] == report.document.promotes
        if "missing_disclosures" in record:
            for item in DISCLOSURES:
                disclosures_total += 1
                disclosures_agree += (item in record["missing_disclosures"]) == (
                    item in report.missing_disclosures
                )
        statuses = {c.id: c.status for c in report.criteria}
        for criterion_id, status in record.get("criteria", {}).items():
            got = statuses.get(criterion_id, "clear")
            crit_total += 1
            crit_exact += got == status
            crit_flagged += (got in FLAGGED) == (status in FLAGGED)

    categories = [_prf(name, c) for name, c in sorted(counts.items())]
    overall = PRF(
        name="all",
        **{
            k: sum(getattr(c, k) for c in categories)
            for k in ("gold", "predicted", "gold_found", "predicted_correct")
        },
    )
    return EvaluationResult(
        split=split,
        documents=len(reports),
        categories=categories,
        overall=overall,
        tiers=tiers,
        context=[
            PRF(
                name=flag,
                gold=c["gold"],
                predicted=c["predicted"],
                gold_found=c["hit"],
                predicted_correct=c["hit"],
            )
            for flag, c in context.items()
        ],
        criteria_total=crit_total,
        criteria_exact=crit_exact,
        criteria_flagged_agree=crit_flagged,
        promotes_total=promotes_total,
        promotes_agree=promotes_agree,
        disclosures_total=disclosures_total,
        disclosures_agree=disclosures_agree,
    )


def _prf(name: str, c: dict[str, int]) -> PRF:
    return PRF(
        name=name,
        gold=c["gold"],
        predicted=c["predicted"],
        gold_found=c["gold_found"],
        predicted_correct=c["predicted_correct"],
    )


def _overlaps(span: dict, start: int, end: int) -> bool:
    return span["start"] < end and start < span["end"]


def _best_overlap(span: dict, findings: list):
    best, best_len = None, 0
    for finding in findings:
        overlap = min(span["end"], finding.end) - max(span["start"], finding.start)
        if overlap > best_len:
            best, best_len = finding, overlap
    return best


def _prf_table(title: str, first: str, rows: list[PRF]) -> Table:
    table = Table(title=title)
    for column in (first, "gold", "predicted", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == first else "right")
    for row in rows:
        table.add_row(
            row.name,
            str(row.gold),
            str(row.predicted),
            f"{row.precision:.2f}",
            f"{row.recall:.2f}",
            f"{row.f1:.2f}",
            end_section=row.name == "all",
        )
    return table


def render_evaluation(result: EvaluationResult, console: Console) -> None:
    title = f"Span detection, split {result.split}: {result.documents} documents"
    console.print(
        _prf_table(title + " (lenient overlap)", "category", [*result.categories, result.overall])
    )
    console.print(_prf_table("Context flags on matched spans", "flag", result.context))

    tiers = Table(title=f"Tiers: accuracy {result.tier_accuracy:.2f}")
    for column in ("document", "gold", "predicted", "score"):
        tiers.add_column(column)
    for row in result.tiers:
        style = None if row.gold == row.predicted else "red"
        tiers.add_row(row.doc, row.gold, row.predicted, str(row.score), style=style)
    console.print(tiers)
    if result.criteria_total:
        console.print(
            f"Criteria statuses: {result.criteria_exact}/{result.criteria_total} exact, "
            f"{result.criteria_flagged_agree}/{result.criteria_total} agree on flagged "
            "(flag or possible) vs not"
        )
    if result.promotes_total:
        console.print(
            f"Promotes a treatment: {result.promotes_agree}/{result.promotes_total} documents "
            f"agree; missing disclosures: {result.disclosures_agree}/{result.disclosures_total} "
            "items agree"
        )
