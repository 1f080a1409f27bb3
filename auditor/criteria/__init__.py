"""Document-level judgement: promotion, regulatory criteria and missing disclosures.

Each criterion is a small function (one module per authority) registered under the id of its
lexicon entry, which holds the title, summary and citation. :func:`judge_document` decides
whether the document promotes a treatment, runs the criteria of the chosen jurisdiction (plus
the international ones) and lists missing disclosures. A document that does not promote a
treatment gets ``not_applicable`` for every criterion, with the reason, and no disclosure check.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.criteria import isscr, other_jurisdictions, us_fda, us_ftc, us_state  # noqa: F401
from auditor.criteria.disclosures import missing_disclosures
from auditor.criteria.facts import REGISTRY, Facts, Judgement
from auditor.criteria.promotion import judge_promotion
from auditor.lexicon import Lexicon
from auditor.report.models import CriterionResult, DocumentJudgement, Finding, Profile

JURISDICTIONS = ("us", "eu", "uk", "au", "ca", "jp")
INTERNATIONAL = "intl"
ALL = "all"
JURISDICTION_CHOICES = (*JURISDICTIONS, ALL)
"""What ``--jurisdiction`` accepts."""


@dataclass(frozen=True)
class Judged:
    document: DocumentJudgement
    criteria: list[CriterionResult]
    missing_disclosures: list[str]


def applicable_criteria(lexicon: Lexicon, jurisdiction: str) -> list[str]:
    """Criterion ids judged for ``jurisdiction`` (``all`` for every one), in lexicon order."""
    return [
        criterion.id
        for criterion in lexicon.criteria.values()
        if criterion.id in REGISTRY
        and (jurisdiction == ALL or criterion.jurisdiction in (jurisdiction, INTERNATIONAL))
    ]


def judge_document(
    text: str,
    profile: Profile,
    findings: list[Finding],
    lexicon: Lexicon,
    jurisdiction: str,
) -> Judged:
    promotion = judge_promotion(text, profile, findings)
    facts = Facts(text=text, profile=profile, findings=tuple(findings), promotion=promotion)
    results = []
    for criterion_id in applicable_criteria(lexicon, jurisdiction):
        criterion = lexicon.criteria[criterion_id]
        if promotion.promotes:
            judgement = REGISTRY[criterion_id](facts)
        else:
            judgement = Judgement(
                "not_applicable",
                f"The document reads as {promotion.kind.replace('_', ' ')} and does not promote "
                f"a treatment ({'; '.join(promotion.reasons)}); its claims are reported, not made.",
            )
        results.append(
            CriterionResult(
                id=criterion.id,
                title=criterion.title,
                status=judgement.status,
                severity=criterion.severity,
                explanation=_consistent(criterion.id, judgement),
                citation=criterion.citation,
                evidence=list(judgement.evidence),
            )
        )
    return Judged(
        document=DocumentJudgement(
            promotes=promotion.promotes, kind=promotion.kind, reasons=list(promotion.reasons)
        ),
        criteria=results,
        missing_disclosures=missing_disclosures(facts),
    )


def _consistent(criterion_id: str, judgement: Judgement) -> str:
    """Explanations say what the text is consistent with, never that anything is unlawful."""
    lead = {
        "flag": f"Text consistent with {criterion_id}. ",
        "possible": f"Text possibly consistent with {criterion_id}. ",
        "clear": "",
        "not_applicable": "",
    }[judgement.status]
    return lead + judgement.explanation
