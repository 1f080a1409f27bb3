"""What the criteria read: the profile, the findings and the promotion decision, with helpers.

Criteria are small functions of :class:`Facts` that return a :class:`Judgement`. They never
look at raw text: everything they weigh is a finding or a profile item with spans, so every
judgement can point at its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from auditor.documents import line_start
from auditor.profile import FeatureHit, Mention, Profile
from auditor.report.models import Evidence, Finding, Status


@dataclass(frozen=True)
class Promotion:
    """Whether the document promotes a treatment, and why the auditor decided so."""

    promotes: bool
    kind: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Judgement:
    status: Status
    explanation: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Facts:
    text: str
    profile: Profile
    findings: tuple[Finding, ...]
    promotion: Promotion

    # findings -------------------------------------------------------------------------------
    def direct(self, *categories: str, rules: Iterable[str] = ()) -> list[Finding]:
        """Unsuppressed findings stated directly (not negated, hedged, attributed or in a
        disclaimer), by category or by rule-id prefix."""
        return [f for f in self.matching(categories, rules) if f.weight >= 1.0]

    def softened(self, *categories: str, rules: Iterable[str] = ()) -> list[Finding]:
        """Findings whose context lowered their weight, except negated ones (denials)."""
        return [
            f for f in self.matching(categories, rules) if f.weight < 1.0 and not f.context.negated
        ]

    def matching(self, categories: Iterable[str], rules: Iterable[str] = ()) -> list[Finding]:
        """Unsuppressed findings in ``categories`` or whose rule id starts with one of
        ``rules``, in text order."""
        rules = tuple(rules)
        places = {p for c in set(categories) for p in self._places_by_category.get(c, ())}
        if rules:
            places.update(p for p, f in enumerate(self.findings) if f.rule_id.startswith(rules))
        return [self.findings[p] for p in sorted(places) if not self.findings[p].suppressed]

    @cached_property
    def _places_by_category(self) -> dict[str, list[int]]:
        """Category -> places of its findings (criteria ask dozens of times per document)."""
        places: dict[str, list[int]] = {}
        for place, finding in enumerate(self.findings):
            places.setdefault(finding.category, []).append(place)
        return places

    # profile ----------------------------------------------------------------------------------
    def feature(self, *feature_ids: str) -> list[Mention]:
        """Mentions of the features, in profile order (as :meth:`Profile.mentions`)."""
        places = sorted({self._places[f] for f in feature_ids if f in self._places})
        return [m for place in places for m in self._hits[place].mentions]

    @cached_property
    def _hits(self) -> list[FeatureHit]:
        return [hit for hits in self.profile.features.values() for hit in hits]

    @cached_property
    def _places(self) -> dict[str, int]:
        """Feature id -> place of its hit in :attr:`_hits` (criteria ask for features dozens
        of times per document, so each lookup must not walk the profile)."""
        return {hit.id: place for place, hit in enumerate(self._hits)}

    def group(self, group: str) -> list[FeatureHit]:
        return self.profile.hits(group)

    def names(self, group: str) -> set[str]:
        """Feature names found in ``group`` ("adipose" for ``source.adipose``)."""
        return {hit.id.split(".", 1)[1] for hit in self.group(group)}

    @property
    def cell_product(self) -> bool:
        return bool(self.profile.cell_products or self.group("source"))

    def outside_approved_uses(self, findings: list[Finding]) -> list[Finding]:
        """Drop findings whose sentence names a licensed product (e.g. "Ryoncil is
        FDA-approved for ..."): the evidence lexicon's approved uses are counter-signals."""
        products = self.profile.approved_products
        return [
            f
            for f in findings
            if not any(
                f.sentence_start <= m.start < f.sentence_start + len(f.sentence) for m in products
            )
        ]

    @cached_property
    def unapproved_indications(self) -> list:
        """Conditions without an approved cell therapy, leaving out mentions on a line that
        names a licensed product (its approved use is described there)."""
        licensed_lines = {line_start(self.text, m.start) for m in self.profile.approved_products}
        found = []
        for indication in self.profile.indications:
            mentions = [
                m
                for m in indication.mentions
                if line_start(self.text, m.start) not in licensed_lines
            ]
            if indication.evidence != "approved" and mentions:
                found.append(indication.model_copy(update={"mentions": mentions}))
        return found


def evidence(*items: Iterable[Finding | Mention]) -> tuple[Evidence, ...]:
    """Evidence spans from findings and mentions, in text order, without duplicates."""
    spans = {(item.start, item.end, item.text) for group in items for item in group}
    return tuple(Evidence(start=s, end=e, text=t) for s, e, t in sorted(spans))


def quote(items: Iterable[Finding | Mention], limit: int = 3) -> str:
    """A short list of the quoted words, for explanations."""
    texts = list(dict.fromkeys(item.text for item in items))
    shown = ", ".join(f'"{t}"' for t in texts[:limit])
    return shown + (f" and {len(texts) - limit} more" if len(texts) > limit else "")


Criterion = Callable[[Facts], Judgement]
REGISTRY: dict[str, Criterion] = {}


def criterion(criterion_id: str) -> Callable[[Criterion], Criterion]:
    """Register the function that judges ``criterion_id`` (its metadata is in the lexicon)."""

    def register(function: Criterion) -> Criterion:
        REGISTRY[criterion_id] = function
        return function

    return register


def graded(
    flagged: list[Finding | Mention],
    possible: list[Finding | Mention],
    *,
    flag: str,
    maybe: str,
    clear: str,
) -> Judgement:
    """The common three-way judgement: ``flag`` when ``flagged`` has items, ``possible`` when
    only ``possible`` has, ``clear`` otherwise. ``{}`` in a message takes the quoted items."""
    if flagged:
        return Judgement("flag", flag.format(quote(flagged)), evidence(flagged))
    if possible:
        return Judgement("possible", maybe.format(quote(possible)), evidence(possible))
    return Judgement("clear", clear)
