"""Terminal report: per document the tier and score, then each finding in reading order.

Works with and without colour: the match is always wrapped in guillemets so the marking
survives a pipe or a file.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.report.models import (
    CONTEXT_FLAGS,
    FLAGGED,
    TIERS,
    BatchReport,
    DocumentReport,
    Finding,
    SiteSummary,
)
from auditor.strength.data import STRENGTH_NAMES

TIER_STYLE = {"high": "bold red", "medium": "bold yellow", "low": "bold green"}
SEVERITY_STYLE = {"high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}
STATUS_STYLE = {"flag": "bold red", "possible": "yellow"}
SENTENCE_WIDTH = 240


def render_text(batch: BatchReport, console: Console) -> None:
    for report in batch.documents:
        _document(report, console)
    for error in batch.errors:
        console.print(Text.assemble(("error ", "bold red"), error.error), soft_wrap=True)
    if len(batch.documents) > 1:
        console.print(_summary(batch))
    tiers = Counter(r.risk.tier for r in batch.documents)
    console.print(
        f"{len(batch.documents)} document(s) audited, {len(batch.errors)} error(s); "
        + ", ".join(f"{tier} {tiers[tier]}" for tier in TIERS)
    )
    for site in batch.sites:
        _site(site, console)


def _summary(batch: BatchReport) -> Table:
    table = Table(title="Summary, highest risk first")
    for column in ("document", "tier", "score", "findings", "top categories"):
        table.add_column(column, justify="right" if column in ("score", "findings") else "left")
    for report in sorted(batch.documents, key=lambda r: -r.risk.score):
        counts = Counter(f.category for f in report.findings if not f.suppressed)
        table.add_row(
            report.source,
            Text(report.risk.tier, style=TIER_STYLE[report.risk.tier]),
            str(report.risk.score),
            str(len(report.findings)),
            ", ".join(f"{c} {n}" for c, n in counts.most_common(3)),
        )
    return table


def _document(report: DocumentReport, console: Console) -> None:
    risk = report.risk
    counts = Counter(f.category for f in report.findings if not f.suppressed)
    header = Text.assemble(
        (report.source, "bold"),
        "  ",
        (f"{risk.tier.upper()} risk {risk.score}/100", TIER_STYLE[risk.tier]),
        f"  {len(report.findings)} finding(s)",
    )
    if counts:
        header.append(": " + ", ".join(f"{c} {n}" for c, n in counts.most_common()))
    console.print(header, soft_wrap=True)
    judgement = report.document
    console.print(
        f"  {'promotes a treatment' if judgement.promotes else 'does not promote a treatment'}"
        f" ({judgement.kind}: {'; '.join(judgement.reasons)}); jurisdiction {report.jurisdiction}",
        soft_wrap=True,
    )
    for finding in report.findings:
        _finding(finding, console)
    for criterion in report.criteria:
        if criterion.status in FLAGGED:
            detail = f" +{criterion.points:g}: {criterion.explanation}"
            console.print(_criterion(criterion.id, criterion.status, detail), soft_wrap=True)
    if report.missing_disclosures:
        console.print(
            f"  missing disclosures: {', '.join(report.missing_disclosures)}", soft_wrap=True
        )
    if report.profile.indications:
        console.print(
            "  indications: "
            + "; ".join(f"{i.label} ({i.evidence.value})" for i in report.profile.indications),
            soft_wrap=True,
        )
    console.print()


def _finding(finding: Finding, console: Console) -> None:
    flags = [name for name in CONTEXT_FLAGS if getattr(finding.context, name)]
    if finding.suppressed:
        flags.append("suppressed")
    line = Text.assemble(
        f"  {finding.line}:{finding.col}".ljust(10),
        (finding.rule_id, "bold"),
        " ",
        (finding.severity.value, SEVERITY_STYLE[finding.severity.value]),
        f" {finding.category}",
        f"  [{', '.join(flags)}]" if flags else "",
        _strength(finding),
        f"  +{finding.points:g}",
    )
    for text in (
        line,
        Text("    ") + _marked_sentence(finding),
        Text(f"    {finding.message}"),
        Text(f"    suggestion: {finding.suggestion}", style="dim"),
    ):
        console.print(text, soft_wrap=True)


def _strength(finding: Finding) -> str:
    """``strength 3 direct causal (0.91)``; empty when the claim-strength model did not run."""
    if finding.claim_strength is None:
        return ""
    name = STRENGTH_NAMES[finding.claim_strength]
    return f"  strength {finding.claim_strength} {name} ({finding.claim_strength_probability:.2f})"


def _marked_sentence(finding: Finding) -> Text:
    start = finding.start - finding.sentence_start
    end = finding.end - finding.sentence_start
    sentence = finding.sentence
    before, match, after = sentence[:start], sentence[start:end], sentence[end:]
    room = max(0, SENTENCE_WIDTH - len(match)) // 2
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    return Text.assemble(before, ("«" + match + "»", "bold reverse"), after)


def _site(site: SiteSummary, console: Console) -> None:
    """The per-host view: worst pages, criteria flagged anywhere, indications claimed."""
    console.print()
    console.print(
        Text.assemble(
            ("site ", "bold"),
            (site.host, "bold"),
            f"  {site.pages} page(s): "
            + ", ".join(f"{tier} {n}" for tier, n in site.tiers.items()),
        ),
        soft_wrap=True,
    )
    for page in site.worst_pages:
        console.print(
            Text.assemble(
                "  ",
                (f"{page.tier.upper()} {page.score}".ljust(10), TIER_STYLE[page.tier]),
                page.url,
                f"  {page.title}" if page.title else "",
            ),
            soft_wrap=True,
        )
    for criterion in site.criteria:
        detail = f" on {len(criterion.pages)} page(s): {criterion.title}"
        console.print(_criterion(criterion.id, criterion.status, detail), soft_wrap=True)
    if site.indications:
        console.print(
            "  indications claimed: "
            + "; ".join(
                f"{i.label} ({i.evidence.value}, {len(i.pages)} page(s))" for i in site.indications
            ),
            soft_wrap=True,
        )


def _criterion(criterion_id: str, status: str, detail: str) -> Text:
    """One line for a criterion a document or a site is (possibly) consistent with."""
    return Text.assemble(
        "  criterion ", (criterion_id, "bold"), (f" {status}", STATUS_STYLE[status]), detail
    )
