"""Product profile: what the document says about the product, found in its full text.

The claim pipeline looks for risky sentences; the profile is an inventory: cell sources,
origin, processing, combinations, routes, evidence markers, disclosures, the conditions it names
beside cell products (each with its evidence level from the evidence lexicon) and its
statements about regulatory status. Features are literal vocabulary, so they are found with
regular expressions compiled from the lexicon over the whole text (fast, and independent of
which lines the claim gate keeps). Every item points at its spans in the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from auditor.lexicon import Lexicon
from auditor.lexicon.schema import ContextKind
from auditor.report.models import FeatureHit, Finding, Indication, Mention, Profile

MAX_MENTIONS = 25
"""Mentions kept per item: enough to highlight, bounded for very long pages."""
CELL_PRODUCT_TERM_SET = "CELL_PRODUCT"


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive alternation, longest first; spaces match any whitespace."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not unique:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


class ProfileExtractor:
    """Compiled once per lexicon; :meth:`extract` is a pure function of text and findings."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.features = {feature.id: feature for feature in lexicon.features}
        self._term_owner: dict[str, list[str]] = defaultdict(list)
        for feature in lexicon.features:
            for term in feature.terms:
                self._term_owner[_key(term)].append(feature.id)
        self._terms = _phrase_regex(t for f in lexicon.features for t in f.terms)
        self._patterns = [
            (feature.id, re.compile(pattern, re.IGNORECASE))
            for feature in lexicon.features
            for pattern in feature.patterns
        ]
        self._condition_of: dict[str, str] = {
            _key(name): condition.id
            for condition in lexicon.conditions.values()
            for name in condition.names
        }
        self._conditions = _phrase_regex(self._condition_of)
        products = lexicon.term_sets.get(CELL_PRODUCT_TERM_SET)
        source_terms = [t for f in lexicon.features if f.group == "source" for t in f.terms]
        self._cell_products = _phrase_regex([*(products.terms if products else ()), *source_terms])
        self._disclaimers = _phrase_regex(
            cue
            for entry in lexicon.context.get(ContextKind.in_disclaimer, ())
            for cue in entry.cues
        )
        self._approved_products = _phrase_regex(
            product for use in lexicon.approved_uses for product in use.products
        )
        self._approved_by_condition: dict[str, list] = defaultdict(list)
        for use in lexicon.approved_uses:
            for condition_id in use.conditions:
                self._approved_by_condition[condition_id].append(use)

    def extract(self, text: str, findings: Iterable[Finding] = ()) -> Profile:
        found: dict[str, list[Mention]] = defaultdict(list)
        if self._terms is not None:
            for match in self._terms.finditer(text):
                for feature_id in self._term_owner.get(_key(match.group(0)), ()):
                    found[feature_id].append(_mention(match))
        for feature_id, pattern in self._patterns:
            found[feature_id].extend(_mention(m) for m in pattern.finditer(text))
        features: dict[str, list[FeatureHit]] = defaultdict(list)
        for feature in self.lexicon.features:
            mentions = sorted(set(found.get(feature.id, ())), key=lambda m: m.start)
            if mentions:
                features[feature.group].append(
                    FeatureHit(id=feature.id, label=feature.label, mentions=mentions[:MAX_MENTIONS])
                )
        sources = {hit.id.split(".", 1)[1] for hit in features.get("source", ())}
        findings = list(findings)
        return Profile(
            features=dict(features),
            cell_products=_mentions(self._cell_products, text),
            disclaimers=_mentions(self._disclaimers, text),
            indications=self._indications(text, findings, sources),
            approved_products=_mentions(self._approved_products, text),
            regulatory_statements=[
                Mention(start=f.start, end=f.end, text=f.text)
                for f in findings
                if f.category == "regulatory_status"
            ],
        )

    def _indications(
        self, text: str, findings: list[Finding], sources: set[str]
    ) -> list[Indication]:
        """Conditions named on a line that also names a cell product, or inside a claim."""
        if self._conditions is None:
            return []
        claimed = [(f.start, f.end) for f in findings if f.category == "unproven_indication"]
        product_lines = set()
        if self._cell_products is not None:
            product_lines = {
                _line_start(text, m.start()) for m in self._cell_products.finditer(text)
            }
        by_condition: dict[str, list[Mention]] = defaultdict(list)
        for match in self._conditions.finditer(text):
            inside_claim = any(s <= match.start() < e for s, e in claimed)
            if inside_claim or _line_start(text, match.start()) in product_lines:
                by_condition[self._condition_of[_key(match.group(0))]].append(_mention(match))
        indications = []
        for condition_id, mentions in by_condition.items():
            condition = self.lexicon.conditions[condition_id]
            uses = self._approved_by_condition.get(condition_id, [])
            indications.append(
                Indication(
                    condition=condition.id,
                    label=condition.label,
                    group=condition.group,
                    evidence=condition.evidence,
                    approved_products=[p for use in uses for p in use.products],
                    approved_for_named_source=any(use.source in sources for use in uses),
                    reference=condition.reference,
                    mentions=mentions[:MAX_MENTIONS],
                )
            )
        return sorted(indications, key=lambda i: i.mentions[0].start)


def _mentions(regex: re.Pattern[str] | None, text: str) -> list[Mention]:
    if regex is None:
        return []
    return [_mention(m) for _, m in zip(range(MAX_MENTIONS), regex.finditer(text), strict=False)]


def _mention(match: re.Match[str]) -> Mention:
    return Mention(start=match.start(), end=match.end(), text=match.group(0))


def _line_start(text: str, char: int) -> int:
    return text.rfind("\n", 0, char) + 1
