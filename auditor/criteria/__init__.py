"""Criteria: which regulatory criteria the document's text is consistent with.

At this stage a criterion is judged from the findings that cite it: ``flag`` when at least one
cited finding is a direct claim (context weight 1: not negated, hedged, attributed or in a
disclaimer), ``possible`` when every cited finding is softened by its context. Criteria no
finding cites are not listed. Criterion results add no points of their own here, so nothing
is counted twice: the points are on the findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.lexicon import Lexicon
from auditor.report.models import CriterionResult, Evidence, Finding

DIRECT = 1.0


def criteria_from_findings(findings: Iterable[Finding], lexicon: Lexicon) -> list[CriterionResult]:
    cited: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.suppressed:
            continue
        for criterion_id in finding.criteria:
            cited.setdefault(criterion_id, []).append(finding)
    results = []
    for criterion_id, evidence in sorted(cited.items()):
        criterion = lexicon.criteria[criterion_id]
        direct = [f for f in evidence if f.weight >= DIRECT]
        status = "flag" if direct else "possible"
        rules = ", ".join(sorted({f.rule_id for f in evidence}))
        how = (
            f"{len(direct)} direct claim(s)"
            if direct
            else "only claims softened by context (negated, hedged, attributed or disclaimer)"
        )
        results.append(
            CriterionResult(
                id=criterion.id,
                title=criterion.title,
                status=status,
                severity=criterion.severity,
                explanation=(
                    f"Text consistent with {criterion.id} ({criterion.title}): {how}; "
                    f"rules {rules}. {criterion.summary}"
                ),
                citation=criterion.citation,
                evidence=[Evidence(start=f.start, end=f.end, text=f.text) for f in evidence],
            )
        )
    return results
