"""The report contract: plain pydantic data that every renderer and downstream tool reads.

Field names follow ``ARCHITECTURE.md``; additions (line/col, points, cues, suppressed) only add
detail. ``SCHEMA_VERSION`` changes when a field changes meaning or is removed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.lexicon.schema import Evidence as EvidenceLevel
from auditor.lexicon.schema import Severity

SCHEMA_VERSION = "1.2"

Tier = Literal["low", "medium", "high"]
Status = Literal["flag", "possible", "clear", "not_applicable"]

TIERS: tuple[Tier, ...] = ("high", "medium", "low")
"""Tiers worst first, the order every report lists them in."""
FLAGGED: frozenset[Status] = frozenset({"flag", "possible"})
"""Criterion statuses that say the text is (possibly) consistent with the criterion."""
CONTEXT_FLAGS = ("negated", "hedged", "attributed", "in_disclaimer")
"""The :class:`FindingContext` flags, in the order reports show them."""


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class FindingContext(Model):
    """How the surrounding text qualifies a claim; ``cues`` holds the words that showed it."""

    negated: bool = False
    hedged: bool = False
    attributed: bool = False
    in_disclaimer: bool = False
    cues: dict[str, str] = Field(default_factory=dict)


class Finding(Model):
    rule_id: str
    category: str
    severity: Severity
    start: int = Field(description="character offset in the document text")
    end: int
    line: int
    col: int
    text: str
    sentence: str
    sentence_start: int = Field(description="offset of `sentence` in the document text")
    context: FindingContext
    page: int | None = Field(default=None, description="1-based page, for paged inputs (PDF)")
    claim_strength: int | None = Field(
        default=None,
        description="0-3 grade of the sentence: 0 no relationship, 1 correlational, "
        "2 hedged or conditional causal, 3 direct causal (claim-strength model)",
    )
    claim_strength_probability: float | None = Field(
        default=None, description="the model's probability for `claim_strength`"
    )
    message: str
    criteria: list[str]
    suggestion: str
    weight: float = Field(description="context factor applied to the rule's severity points")
    points: float = Field(description="what this finding adds to the risk score")
    suppressed: bool = False


class Evidence(Model):
    start: int
    end: int
    text: str


class CriterionResult(Model):
    id: str
    title: str
    status: Status
    severity: Severity
    explanation: str
    citation: str
    evidence: list[Evidence] = Field(default_factory=list)
    points: float = 0.0


class Mention(Model):
    start: int
    end: int
    text: str


class FeatureHit(Model):
    id: str
    label: str
    mentions: list[Mention]


class Indication(Model):
    condition: str
    label: str
    group: str
    evidence: EvidenceLevel
    approved_products: list[str] = Field(
        default_factory=list, description="licensed products approved for this condition"
    )
    approved_for_named_source: bool = Field(
        default=False,
        description="a licensed product of a cell source this document names covers it",
    )
    reference: str
    mentions: list[Mention]


class Profile(Model):
    features: dict[str, list[FeatureHit]] = Field(
        default_factory=dict, description="feature group -> features found"
    )
    cell_products: list[Mention] = Field(
        default_factory=list, description="mentions of cell or tissue products"
    )
    indications: list[Indication] = Field(default_factory=list)
    approved_products: list[Mention] = Field(
        default_factory=list, description="names of licensed products from the evidence lexicon"
    )
    regulatory_statements: list[Mention] = Field(default_factory=list)
    disclaimers: list[Mention] = Field(
        default_factory=list, description="disclaimer boilerplate (the context lexicon's cues)"
    )

    def hits(self, group: str) -> list[FeatureHit]:
        return self.features.get(group, [])

    def mentions(self, *feature_ids: str) -> list[Mention]:
        wanted = set(feature_ids)
        return [
            mention
            for hits in self.features.values()
            for hit in hits
            if hit.id in wanted
            for mention in hit.mentions
        ]


class DocumentJudgement(Model):
    """Whether the document promotes a treatment (gates criteria and disclosures), and why."""

    promotes: bool
    kind: str
    reasons: list[str]


class Risk(Model):
    score: int = Field(ge=0, le=100)
    tier: Tier
    by_category: dict[str, float]
    raw_points: float = Field(description="sum of all contributions before the cap at 100")


class DocumentReport(Model):
    id: str
    source: str
    sha256: str
    media_type: str
    title: str | None = None
    url: str | None = None
    relevant: bool = Field(
        default=True,
        description="false when the relevance pre-scan found no cell or regenerative therapy "
        "term and the claim pipeline was skipped",
    )
    jurisdiction: str
    risk: Risk
    document: DocumentJudgement
    findings: list[Finding]
    criteria: list[CriterionResult]
    profile: Profile
    missing_disclosures: list[str]
    text: str | None = Field(
        default=None,
        description="the document text the offsets index, kept only for renderers that need "
        "it (HTML highlights findings in it, SARIF locates evidence); null otherwise",
    )


class ErrorRecord(Model):
    source: str
    code: str
    error: str


class ToolInfo(Model):
    name: str = "auditor"
    version: str
    lexicon_sha256: str
    schema_version: str = SCHEMA_VERSION


class SitePage(Model):
    """One page of a site, as the site summary ranks it."""

    id: str
    url: str
    title: str | None = None
    score: int
    tier: Tier


class SiteCriterion(Model):
    """A criterion the text of some page of the site is consistent with, and on which pages."""

    id: str
    title: str
    severity: Severity
    status: Status = Field(description="the strongest status on any page: flag, else possible")
    pages: list[str] = Field(description="URLs of the pages where it is flagged or possible")


class SiteIndication(Model):
    """A condition the site claims to treat, with its evidence level and the pages naming it."""

    condition: str
    label: str
    evidence: EvidenceLevel
    pages: list[str]


class SiteSummary(Model):
    """Per-host view of a crawl or a web archive: what the site as a whole claims."""

    host: str
    pages: int
    tiers: dict[str, int] = Field(description="pages per risk tier")
    worst_pages: list[SitePage] = Field(description="highest scores first")
    criteria: list[SiteCriterion] = Field(description="flagged anywhere on the site")
    indications: list[SiteIndication] = Field(description="every indication claimed")


class BatchReport(Model):
    tool: ToolInfo
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    documents: list[DocumentReport]
    errors: list[ErrorRecord]
    sites: list[SiteSummary] = Field(
        default_factory=list, description="per-host summaries, for crawls and web archives"
    )
