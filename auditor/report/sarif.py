"""SARIF 2.1.0: the report as code-scanning tools (GitHub, IDE viewers, CI dashboards) read it.

One run; the driver lists every rule and criterion that has a result, each with the text
``auditor explain`` prints as its help. Findings are results with line and column (columns
count Unicode code points, declared by ``columnKind``); criteria judged ``flag`` are failing
results and ``possible`` ones results to review, located at their evidence. Inputs that could
not be read are tool notifications, so every input is accounted for.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from auditor.documents import Document
from auditor.explain import explain
from auditor.lexicon import Lexicon, Severity
from auditor.report.models import FLAGGED, BatchReport, CriterionResult, DocumentReport, Finding

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {
    Severity.high: "error",
    Severity.medium: "warning",
    Severity.low: "note",
    Severity.info: "note",
}
FINGERPRINT = "auditorClaim/v1"
"""Identifies a finding across edits that move it: rule, matched words and their sentence."""


def render_sarif(batch: BatchReport, lexicon: Lexicon) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    artifacts = [_artifact(report) for report in batch.documents]
    for index, report in enumerate(batch.documents):
        for finding in report.findings:
            rule_index = _rule_entry(rules, finding.rule_id, lexicon)
            results.append(_finding_result(finding, index, rule_index, artifacts[index]))
        located = (
            Document(report.id, report.source, report.text) if report.text is not None else None
        )
        for criterion in report.criteria:
            if criterion.status in FLAGGED:
                rule_index = _rule_entry(rules, criterion.id, lexicon)
                results.append(
                    _criterion_result(criterion, index, rule_index, artifacts[index], located)
                )
    run = {
        "tool": {
            "driver": {
                "name": batch.tool.name,
                "version": batch.tool.version,
                "rules": list(rules.values()),
                "properties": {
                    "lexicon_sha256": batch.tool.lexicon_sha256,
                    "report_schema_version": batch.tool.schema_version,
                },
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "endTimeUtc": batch.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": error.error},
                        "descriptor": {"id": error.code},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": {"uri": _uri(error.source)}}}
                        ],
                    }
                    for error in batch.errors
                ],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": {
            "documents": [
                {
                    "uri": artifacts[i]["location"]["uri"],
                    "score": report.risk.score,
                    "tier": report.risk.tier,
                    "missing_disclosures": report.missing_disclosures,
                }
                for i, report in enumerate(batch.documents)
            ]
        },
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_entry(rules: dict[str, dict[str, Any]], item_id: str, lexicon: Lexicon) -> int:
    """Add the rule or criterion's metadata once; return its index in the driver's rules."""
    if item_id not in rules:
        rule = lexicon.rule(item_id)
        if rule is not None:
            entry = {
                "id": rule.id,
                "shortDescription": {"text": rule.message},
                "fullDescription": {"text": " ".join(rule.rationale.split())},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {
                    "kind": "rule",
                    "category": rule.category,
                    "severity": rule.severity.value,
                    "criteria": list(rule.criteria),
                    "tags": [rule.category],
                },
            }
        else:
            criterion = lexicon.criteria[item_id]
            entry = {
                "id": criterion.id,
                "shortDescription": {"text": criterion.title},
                "fullDescription": {"text": " ".join(criterion.summary.split())},
                "defaultConfiguration": {"level": LEVELS[criterion.severity]},
                "properties": {
                    "kind": "criterion",
                    "jurisdiction": criterion.jurisdiction,
                    "severity": criterion.severity.value,
                    "citation": criterion.citation,
                    "tags": ["criterion", criterion.jurisdiction],
                },
            }
            if criterion.url:
                entry["helpUri"] = criterion.url
        entry["help"] = {"text": explain(lexicon, item_id)}
        rules[item_id] = entry
    return list(rules).index(item_id)


def _finding_result(
    finding: Finding, artifact_index: int, rule_index: int, artifact: dict[str, Any]
) -> dict[str, Any]:
    lines = finding.text.split("\n")
    end_line = finding.line + len(lines) - 1
    end_col = (finding.col if len(lines) == 1 else 1) + len(lines[-1])
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            _location(
                artifact,
                artifact_index,
                {
                    "startLine": finding.line,
                    "startColumn": finding.col,
                    "endLine": end_line,
                    "endColumn": end_col,
                    "charOffset": finding.start,
                    "charLength": finding.end - finding.start,
                    "snippet": {"text": finding.text},
                },
            )
        ],
        "partialFingerprints": {FINGERPRINT: _fingerprint(finding)},
        "properties": {
            "category": finding.category,
            "severity": finding.severity.value,
            "sentence": finding.sentence,
            "context": finding.context.model_dump(mode="json"),
            "claim_strength": finding.claim_strength,
            "claim_strength_probability": finding.claim_strength_probability,
            "criteria": finding.criteria,
            "suggestion": finding.suggestion,
            "points": finding.points,
        },
    }
    if finding.page is not None:
        result["properties"]["page"] = finding.page
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": "inSource", "justification": "auditor: ignore marker in the document"}
        ]
    return result


def _criterion_result(
    criterion: CriterionResult,
    artifact_index: int,
    rule_index: int,
    artifact: dict[str, Any],
    located: Document | None,
) -> dict[str, Any]:
    """``flag`` fails at the criterion's severity; ``possible`` asks for review (level none)."""
    regions = [_span_region(e.start, e.end, e.text, located) for e in criterion.evidence]
    failing = criterion.status == "flag"
    result: dict[str, Any] = {
        "ruleId": criterion.id,
        "ruleIndex": rule_index,
        "kind": "fail" if failing else "review",
        "level": LEVELS[criterion.severity] if failing else "none",
        "message": {"text": criterion.explanation},
        "locations": [_location(artifact, artifact_index, regions[0] if regions else None)],
        "properties": {
            "status": criterion.status,
            "severity": criterion.severity.value,
            "citation": criterion.citation,
            "points": criterion.points,
        },
    }
    if len(regions) > 1:
        result["relatedLocations"] = [
            {
                "id": number,
                "message": {"text": "further evidence"},
                **_location(artifact, artifact_index, region),
            }
            for number, region in enumerate(regions[1:], start=1)
        ]
    return result


def _span_region(start: int, end: int, snippet: str, located: Document | None) -> dict[str, Any]:
    """A region by offsets, with line and column when the report kept the document text."""
    region: dict[str, Any] = {"charOffset": start, "charLength": end - start}
    if located is not None:
        (start_line, start_col) = located.line_col(start)
        (end_line, end_col) = located.line_col(end)
        region |= {
            "startLine": start_line,
            "startColumn": start_col,
            "endLine": end_line,
            "endColumn": end_col,
        }
    return region | {"snippet": {"text": snippet}}


def _location(
    artifact: dict[str, Any], artifact_index: int, region: dict[str, Any] | None
) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact["location"]["uri"], "index": artifact_index}
    }
    if region is not None:
        physical["region"] = region
    return {"physicalLocation": physical}


def _artifact(report: DocumentReport) -> dict[str, Any]:
    return {
        "location": {"uri": report.url or _uri(report.source)},
        "mimeType": report.media_type,
        "hashes": {"sha-256": report.sha256},
    }


def _uri(source: str) -> str:
    """A URI reference for an input: URLs as they are, paths percent-encoded (absolute: file:)."""
    if urlsplit(source).scheme in ("http", "https", "file"):
        return source
    path = PurePosixPath(source)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def _fingerprint(finding: Finding) -> str:
    key = "\0".join((finding.rule_id, finding.text.lower(), " ".join(finding.sentence.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
