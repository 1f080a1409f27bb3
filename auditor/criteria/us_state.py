"""US state law: California Business & Professions Code 684 (notice for unapproved therapy)."""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, quote


@criterion("US-STATE-CA-BPC-684")
def california_notice(facts: Facts) -> Judgement:
    notice = facts.feature("disclosure.california_notice") + facts.matching(
        (), rules=("REG-CA-STEM-CELL-NOTICE",)
    )
    if notice:
        return Judgement(
            "clear",
            f"The California notice that the therapy is not FDA-approved appears "
            f"({quote(notice)}); a counter-signal, and a sign of partial compliance.",
            evidence(notice),
        )
    return Judgement(
        "not_applicable",
        "No California notice appears; the law requires it in the office and in writing, "
        "not on web pages.",
    )
