"""Markdown report, for pasting into an article draft or a ticket.

Per document: a heading with tier and score, a findings table, the criteria the text is
(possibly) consistent with and their citations, missing disclosures, and a collapsible
explanation of every rule and criterion shown. Pages with a URL are first summed up per host
(worst pages, criteria flagged anywhere on the site, indications claimed); the summary and the
worst pages link to each document's section, and URLs are code spans, so no renderer turns them
into live links. Every piece of document or lexicon text is escaped,
so a pipe cannot break a table and ``<script>`` stays text.
"""

from __future__ import annotations

import re
from collections import Counter

from auditor.explain import explain
from auditor.lexicon import Lexicon
from auditor.report.models import (
    CONTEXT_FLAGS,
    FLAGGED,
    TIERS,
    BatchReport,
    DocumentReport,
    Finding,
    SiteSummary,
)

SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~!])")
"""Characters with an inline meaning in CommonMark/GFM (``|`` splits table cells)."""


def escape(text: str) -> str:
    """Inline-safe Markdown: specials backslash-escaped, line breaks folded into spaces."""
    return SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fence(text: str, shortest: int) -> str:
    """A backtick fence at least ``shortest`` long and longer than any backtick run in ``text``."""
    return "`" * max([shortest, *(len(run) + 1 for run in re.findall(r"`+", text))])


def code(text: str) -> str:
    """A code span holding ``text`` verbatim: its fence is longer than any backtick run inside."""
    text = " ".join(text.split())
    fence = _fence(text, 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(batch: BatchReport, lexicon: Lexicon) -> str:
    tool = batch.tool
    lines = [
        "# Claim audit report",
        "",
        f"{tool.name} {tool.version}, generated {batch.generated_at:%Y-%m-%d %H:%M} UTC, "
        f"lexicon sha256 `{tool.lexicon_sha256[:16]}`. The report says a text is consistent "
        "with a criterion; it makes no legal finding.",
        "",
    ]
    anchors = {report.id: f"document-{n}" for n, report in enumerate(batch.documents, 1)}
    if len(batch.documents) > 1:
        lines += _summary(batch, anchors)
    if batch.sites:
        lines += ["## Sites", ""]
        for site in batch.sites:
            lines += _site(site, lexicon, anchors)
    for report in batch.documents:
        lines += [f'<a id="{anchors[report.id]}"></a>', "", *_document(report, lexicon)]
    if batch.errors:
        lines += ["## Inputs that could not be read", ""]
        lines += [f"- `{error.code}` {escape(error.error)}" for error in batch.errors]
        lines.append("")
    return "\n".join(lines)


def _summary(batch: BatchReport, anchors: dict[str, str]) -> list[str]:
    tiers = Counter(r.risk.tier for r in batch.documents)
    lines = [
        f"{len(batch.documents)} documents: "
        + ", ".join(f"{tier} {tiers[tier]}" for tier in TIERS),
        "",
        "| document | tier | score | findings |",
        "|---|---|---:|---:|",
    ]
    for report in sorted(batch.documents, key=lambda r: -r.risk.score):
        lines.append(
            f"| {_linked(escape(report.source), anchors[report.id])} | {report.risk.tier} "
            f"| {report.risk.score} "
            f"| {len(report.findings)} |"
        )
    return [*lines, ""]


def _site(site: SiteSummary, lexicon: Lexicon, anchors: dict[str, str]) -> list[str]:
    """One host: pages per tier, worst pages (linked to their section), criteria flagged on
    any page, indications."""
    lines = [
        f"### Site {code(site.host)}: {site.pages} page(s)",
        "",
        "Pages per tier: " + ", ".join(f"{tier} {site.tiers.get(tier, 0)}" for tier in TIERS) + ".",
        "",
        "Worst pages, highest score first:",
        "",
    ]
    lines += [
        f"- {page.tier} risk, {page.score}/100: "
        f"{_linked(escape(page.title) if page.title else 'untitled page', anchors.get(page.id))}, "
        f"{code(page.url)}"
        for page in site.worst_pages
    ]
    lines += ["", "Criteria the text of some page is consistent with:", ""]
    lines += [
        f"- **{c.id}** ({c.status}, {c.severity.value}) on {len(c.pages)} page(s): "
        f"{escape(c.title)}"
        for c in site.criteria
    ] or ["None flagged."]
    lines += ["", "Indications claimed:", ""]
    lines += [
        f"- {escape(i.label)}: {i.evidence.value.replace('_', ' ')}, on {len(i.pages)} page(s)"
        for i in site.indications
    ] or ["None claimed."]
    lines.append("")
    if site.criteria:
        lines += ["#### Criteria explained", ""]
        for criterion in site.criteria:
            lines += _explanation(criterion.id, explain(lexicon, criterion.id))
    return lines


def _linked(text: str, anchor: str | None) -> str:
    """``text`` (already escaped) as a link to a section of this report, if it has one."""
    return f"[{text}](#{anchor})" if anchor else text


def _document(report: DocumentReport, lexicon: Lexicon) -> list[str]:
    risk, judgement = report.risk, report.document
    lines = [
        f"## {escape(report.title or report.source)}: {risk.tier} risk, {risk.score}/100",
        "",
        f"Source {escape(report.source)}; jurisdiction {report.jurisdiction}. "
        + ("Promotes a treatment" if judgement.promotes else "Does not promote a treatment")
        + f" ({escape(judgement.kind)}: {escape('; '.join(judgement.reasons))}).",
        "",
        f"### Findings ({len(report.findings)})",
        "",
    ]
    if report.findings:
        lines += [
            "| line:col | rule | severity | context | text | message | suggestion |",
            "|---|---|---|---|---|---|---|",
            *(_finding_row(f) for f in report.findings),
        ]
    else:
        lines.append("No findings.")
    shown = [c for c in report.criteria if c.status in FLAGGED]
    lines += ["", "### Criteria the text is consistent with", ""]
    lines += [
        f"- **{c.id}** ({c.status}, {c.severity.value}): {escape(c.explanation)} "
        f"*Citation:* {escape(c.citation)}"
        for c in shown
    ] or ["None flagged."]
    lines += ["", "### Missing disclosures", ""]
    lines += [f"- {item.replace('_', ' ')}" for item in report.missing_disclosures] or [
        "None missing."
        if judgement.promotes
        else "Not checked: the document does not promote a treatment."
    ]
    ids = dict.fromkeys(f.rule_id for f in report.findings) | dict.fromkeys(c.id for c in shown)
    if ids:
        lines += ["", "### Explanations", ""]
        for item in ids:
            lines += _explanation(item, explain(lexicon, item))
    return [*lines, ""]


def _finding_row(finding: Finding) -> str:
    flags = [flag.replace("_", " ") for flag in CONTEXT_FLAGS if getattr(finding.context, flag)]
    if finding.suppressed:
        flags.append("suppressed")
    cells = [
        f"{finding.line}:{finding.col}",
        f"`{finding.rule_id}`",
        finding.severity.value,
        ", ".join(flags) or "plain",
        f"“{escape(finding.text)}”",
        escape(finding.message),
        escape(finding.suggestion),
    ]
    return "| " + " | ".join(cells) + " |"


def _explanation(item: str, text: str) -> list[str]:
    """A collapsed ``<details>`` block holding ``text`` in a fenced code block."""
    fence = _fence(text, 3)
    summary = item.replace("&", "&amp;").replace("<", "&lt;")
    return [
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        f"{fence}text",
        text,
        fence,
        "",
        "</details>",
        "",
    ]
