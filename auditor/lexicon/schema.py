"""The shape of lexicon files, checked before anything is compiled.

A lexicon file is a YAML mapping with one or more of these top-level keys:

``rules``
    claim rules: what to flag, why, and what to write instead.
``term_sets``
    named phrase lists (cell products, conditions, ...) that rules refer to.
``context``
    cue lists that set a finding's context (negation, hedge, attribution, disclaimer).
``criteria``
    regulatory criteria that rules and the document-level judgement cite.
``conditions`` and ``approved_uses``
    the evidence lexicon: conditions with the evidence level for cell products, and the
    licensed products with their approved uses. Conditions that are not approved form the
    ``CONDITION`` term set.
``features``
    product-profile vocabulary: cell sources, processing, routes, evidence markers, ...
``cue_lists``
    named word lists that code reads as features (the claim-strength classifier's boosters,
    association and causal cues); no rule refers to them and the pipeline does not mark them.
``claim_word_classes``
    classes of single words (modal, reporting, causal, ...) whose place in a sentence the
    claim-strength classifier describes; like ``cue_lists``, read only by that model.

Unknown keys are errors (``extra="forbid"``), so a typo never silently disables a rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9.]+)+$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
TermSetId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Severity(StrEnum):
    """How much a finding matters on its own; ordered from most to least."""

    high = "high"
    medium = "medium"
    low = "low"
    info = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.high: 3, Severity.medium: 2, Severity.low: 1, Severity.info: 0}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pattern(Strict):
    """One way a rule matches: a literal phrase (case-insensitive) or a spaCy token pattern.

    Token patterns use spaCy's Matcher syntax. ``{TERM: NAME}`` stands for one or more tokens
    of the term set ``NAME`` (e.g. ``{TERM: CONDITION}`` for "multiple sclerosis").
    """

    phrase: NonEmpty | None = None
    tokens: list[dict[str, Any]] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Pattern:
        if (self.phrase is None) == (self.tokens is None):
            raise ValueError("give exactly one of `phrase` or `tokens`")
        if self.tokens is not None and not self.tokens:
            raise ValueError("`tokens` must list at least one token")
        return self


class Examples(Strict):
    """Sentences the test suite runs: ``flag`` must be flagged, ``pass`` must not."""

    flag: list[NonEmpty] = Field(min_length=1)
    pass_: list[NonEmpty] = Field(alias="pass", min_length=1)


class Rule(Strict):
    """A claim rule: an id users see, why it exists, how it matches, what to write instead."""

    id: RuleId
    category: Slug
    severity: Severity
    message: NonEmpty
    rationale: NonEmpty
    criteria: list[RuleId] = Field(default_factory=list)
    suggestion: NonEmpty
    patterns: list[Pattern] = Field(min_length=1)
    requires: list[TermSetId] = Field(
        default_factory=list,
        description="term sets that must also occur in the same sentence for a match to count "
        "(for a sentence in a list item: in it or in the list's lead-in)",
    )
    requires_within: Literal["sentence", "paragraph"] = Field(
        default="sentence",
        description="where `requires` is looked for: the match's sentence, or its whole "
        'paragraph (a line of a web page or brochure: "Rotator cuff tears are common. Cell '
        'therapy repairs them.")',
    )
    excluded_by: list[TermSetId] = Field(
        default_factory=list,
        description="term sets whose presence in the match's sentence means it is not a claim "
        '(a condition listed among side effects: "side effects include infection and GVHD")',
    )
    extends_over: TermSetId | None = Field(
        default=None,
        description="a term set whose members listed right after a match ending in one "
        '("for MS, ALS or autism") are claimed too: each gets a finding of this rule with '
        "the context of the match",
    )
    introduces_list: bool = Field(
        default=False,
        description='the match is a heading or lead-in ("Conditions we treat:") whose list, '
        "on the same line after a colon or in the list items below, names `extends_over` "
        "terms; only those terms become findings",
    )
    covers_quote: bool = Field(
        default=False,
        description="the match attributes a quotation that closes just before it on its line "
        '("..." - Robert, 58): the finding covers the quotation and the match, and its context '
        "is judged at the match",
    )
    quotation_is_claim: bool = Field(
        default=False,
        description="the rule matches what is quoted by nature (a patient's story): quotation "
        "marks around a match do not make it attributed, a reporting cue in its sentence still "
        "does",
    )
    denies: bool = Field(
        default=False,
        description='the rule matches denials ("not FDA-approved"): a finding whose match holds '
        "a negation cue is negated, with that cue",
    )
    unless_licensed_source: bool = Field(
        default=False,
        description="drop a match on an approved condition when the document names a cell "
        "source licensed for it (cord blood for leukaemia); keep it for any other product",
    )
    examples: Examples

    @model_validator(mode="after")
    def _list_needs_terms(self) -> Rule:
        if self.introduces_list and self.extends_over is None:
            raise ValueError("introduces_list needs extends_over: the term set the list names")
        return self


class TermSet(Strict):
    """A named list of phrases (matched case-insensitively) that rules can refer to."""

    id: TermSetId
    description: NonEmpty
    source: NonEmpty
    terms: list[NonEmpty] = Field(min_length=1)


class ContextKind(StrEnum):
    negated = "negated"
    hedged = "hedged"
    attributed = "attributed"
    in_disclaimer = "in_disclaimer"


class ContextCues(Strict):
    """Cue phrases for one kind of context, with sentences that show it on a finding."""

    kind: ContextKind
    description: NonEmpty
    cues: list[NonEmpty] = Field(min_length=1)
    next_sentence_openers: list[NonEmpty] = Field(
        default_factory=list,
        description="a cue in the next sentence also counts when that sentence opens with one of"
        " these words (an adjacent qualifier: 'However, this is still experimental.')",
    )
    examples: Examples


class Criterion(Strict):
    """A regulatory criterion as the report cites it; the judgement lives in code."""

    id: RuleId
    title: NonEmpty
    jurisdiction: Literal["us", "eu", "uk", "au", "ca", "jp", "intl"]
    severity: Severity
    summary: NonEmpty
    citation: NonEmpty
    url: str | None = None


class Evidence(StrEnum):
    """What is known about cell products for a condition."""

    approved = "approved"
    investigational = "investigational"
    no_credible_evidence = "no_credible_evidence"


class Condition(Strict):
    """A condition clinics advertise, with the evidence level for cell products and its source."""

    id: Slug
    label: NonEmpty
    group: Slug
    evidence: Evidence
    names: list[NonEmpty] = Field(min_length=1)
    summary: NonEmpty
    reference: NonEmpty


class ApprovedUse(Strict):
    """A licensed cell or tissue product and the conditions it is approved for."""

    id: Slug
    products: list[NonEmpty] = Field(min_length=1)
    source: Slug
    conditions: list[Slug] = Field(min_length=1)
    use: NonEmpty
    approved: NonEmpty
    reference: NonEmpty


class Feature(Strict):
    """A product-profile feature (cell source, processing, route, evidence marker, ...)."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z_]+\.[a-z0-9_]+$")]
    group: Slug
    label: NonEmpty
    terms: list[NonEmpty] = Field(default_factory=list)
    patterns: list[NonEmpty] = Field(default_factory=list)
    description: NonEmpty

    @model_validator(mode="after")
    def _something_to_find(self) -> Feature:
        if not self.terms and not self.patterns:
            raise ValueError("give `terms` or `patterns`")
        if not self.id.startswith(self.group + "."):
            raise ValueError(f"id must start with the group: {self.group}.")
        return self


class CueList(Strict):
    """A named list of cue phrases that a model reads as features (matched case-insensitively)."""

    id: TermSetId
    description: NonEmpty
    source: NonEmpty
    cues: list[NonEmpty] = Field(min_length=1)


ClaimWord = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-'][a-z0-9]+)*\*?$")]


class ClaimWordClass(Strict):
    """A class of lower-case words; a trailing ``*`` makes an entry a word beginning ("reduc*"
    covers "reduces" and "reduction"). A word takes the first class, in file order, that lists
    it whole, else the first whose beginnings it starts with."""

    id: TermSetId
    description: NonEmpty
    source: NonEmpty
    neighbour_only: bool = Field(
        default=False,
        description="the class only names its words where they neighbour a claim word ('to', "
        "'was'); they are not claim words themselves",
    )
    words: list[ClaimWord] = Field(min_length=1)


class LexiconFile(Strict):
    """One YAML file; any of the sections may be present."""

    rules: list[Rule] = Field(default_factory=list)
    term_sets: list[TermSet] = Field(default_factory=list)
    context: list[ContextCues] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    approved_uses: list[ApprovedUse] = Field(default_factory=list)
    features: list[Feature] = Field(default_factory=list)
    cue_lists: list[CueList] = Field(default_factory=list)
    claim_word_classes: list[ClaimWordClass] = Field(default_factory=list)
