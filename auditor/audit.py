"""The worker: one :class:`Document` in, one :class:`DocumentReport` out.

``Auditor`` loads the lexicons and builds the spaCy pipeline once; :meth:`Auditor.audit` and
:meth:`Auditor.audit_documents` then run the whole line for each document:
pipeline -> findings -> criteria -> score -> report.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from spacy.tokens import Doc

from auditor import __version__
from auditor.criteria import JURISDICTION_CHOICES, judge_document
from auditor.documents import Document
from auditor.errors import AuditorError
from auditor.lexicon import Lexicon, load_lexicons
from auditor.pipeline import SPANS_KEY, ClaimContext, build_nlp
from auditor.pipeline.gate import AnchorGate
from auditor.pipeline.segmentation import sentences as segmented_sentences
from auditor.profile import ProfileExtractor
from auditor.relevance import RelevanceGate
from auditor.report.models import (
    DocumentJudgement,
    DocumentReport,
    Finding,
    FindingContext,
    Profile,
    ToolInfo,
)
from auditor.scoring import DEFAULT_POLICY, ScoringPolicy, criteria_points, finding_points, risk
from auditor.strength.default import chosen_model
from auditor.strength.grading import graded_in_batches
from auditor.strength.model import StrengthModel
from auditor.suppressions import is_suppressed, suppressed_rules

BATCH_SIZE = 32
NOT_RELEVANT = "no cell or regenerative therapy term found by the relevance pre-scan"


class Auditor:
    """Audit documents against the built-in lexicons plus any user lexicon folders.

    Parameters
    ----------
    lexicon_dirs : folders of extra YAML lexicon files.
    disable : rule ids or categories to switch off.
    model : name of an installed trained spaCy pipeline; default ``spacy.blank("en")``.
    policy : scoring constants.
    jurisdiction : whose criteria to judge (``us``, ``eu``, ``uk``, ``au``, ``ca``, ``jp`` or
        ``all``); international criteria are always judged.
    gate : pre-scan lines and send only candidates to spaCy (same findings, faster); the gate
        needs the built-in lemmatizer, so it is off with ``model``.
    relevance_gate : skip documents that never mention cell or regenerative therapy (see
        :mod:`auditor.relevance`); they are reported with ``relevant=False`` and no findings.
    keep_text : copy each document's text into its report, for renderers that need it (HTML
        highlights the findings in it, SARIF gives evidence lines and columns).
    strength : grade each finding's sentence 0-3 with the claim-strength model
        (:mod:`auditor.strength`; built and cached on first use) for the report and the score.
    strength_model : which claim-strength model: ``None`` the default, ``"encoder"`` the
        default with the fine-tuned encoder (more accurate, far slower; the ``encoder`` extra),
        or the path of a model file written by ``auditor train``.

    Examples
    --------
    >>> report = Auditor().audit(Document.from_text("Our stem cells are 100% safe."))
    >>> [f.rule_id for f in report.findings]
    ['SAFETY-ABSOLUTE']
    """

    def __init__(
        self,
        *,
        lexicon_dirs: Iterable[str | Path] = (),
        disable: Iterable[str] = (),
        model: str | None = None,
        policy: ScoringPolicy = DEFAULT_POLICY,
        gate: bool = True,
        jurisdiction: str = "us",
        relevance_gate: bool = False,
        keep_text: bool = False,
        strength: bool = True,
        strength_model: str | None = None,
    ) -> None:
        self.jurisdiction = _checked(jurisdiction)
        self.keep_text = keep_text
        self.lexicon: Lexicon = load_lexicons(lexicon_dirs, disable)
        self.profiler = ProfileExtractor(self.lexicon)
        self.policy = policy
        self.nlp = build_nlp(self.lexicon, model)
        self.relevance = RelevanceGate(self.lexicon) if relevance_gate else None
        self.strength: StrengthModel | None = chosen_model(strength_model) if strength else None
        self.gate: AnchorGate | None = None
        if gate and self.nlp.has_pipe("audit_lemmatizer"):
            self.gate = AnchorGate(self.nlp, self.lexicon, self.nlp.get_pipe("audit_lemmatizer"))

    def replace(self, *, jurisdiction: str | None = None, keep_text: bool | None = None) -> Auditor:
        """A copy that shares this one's lexicon and pipeline (read-only once built) but judges
        another jurisdiction or keeps the text: per-request settings for a long-lived server."""
        variant = copy.copy(self)
        if jurisdiction is not None:
            variant.jurisdiction = _checked(jurisdiction)
        if keep_text is not None:
            variant.keep_text = keep_text
        return variant

    @property
    def tool(self) -> ToolInfo:
        return ToolInfo(version=__version__, lexicon_sha256=self.lexicon.sha256)

    def audit(self, document: Document) -> DocumentReport:
        return next(self.audit_documents([document]))

    def audit_documents(self, documents: Iterable[Document]) -> Iterator[DocumentReport]:
        """Audit a stream of documents with ``nlp.pipe``; reports come back in input order.

        Each document is cut into the chunks the gate keeps (the whole text without a gate);
        every document yields a report, with no findings when no chunk is kept. A document the
        relevance gate turns away passes through as one empty chunk, to keep the order.
        """
        pending: dict[int, tuple[Document, bool]] = {}

        def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
            for index, document in enumerate(documents):
                relevant = self.relevance is None or self.relevance.relevant(document.text)
                pending[index] = (document, relevant)
                if not relevant:
                    parts = []
                elif self.gate:
                    parts = self.gate.chunks(document.text)
                else:
                    parts = [(0, document.text)]
                for offset, text in parts or [(0, "")]:
                    yield text, (index, offset)

        def found() -> Iterator[tuple[tuple[Document, bool], list[Finding]]]:
            piped = self.nlp.pipe(chunks(), as_tuples=True, batch_size=BATCH_SIZE)
            for index, group in groupby(piped, key=lambda item: item[1][0]):
                document, relevant = pending.pop(index)
                parts = [(doc, offset) for doc, (_, offset) in group]
                yield (document, relevant), self._findings(document, parts) if relevant else []

        for (document, relevant), findings in graded_in_batches(self.strength, found(), BATCH_SIZE):
            yield self._report(document, findings) if relevant else self._not_relevant(document)

    def _not_relevant(self, document: Document) -> DocumentReport:
        """The report of a page the relevance gate turned away: nothing judged, nothing scored."""
        return DocumentReport(
            **self._identity(document),
            relevant=False,
            risk=risk([], policy=self.policy),
            document=DocumentJudgement(promotes=False, kind="not_relevant", reasons=[NOT_RELEVANT]),
            findings=[],
            criteria=[],
            profile=Profile(),
            missing_disclosures=[],
        )

    def _identity(self, document: Document) -> dict[str, str | None]:
        """The fields that tie a report to its input and to the settings that judged it."""
        return {
            "id": document.id,
            "source": document.source,
            "sha256": document.sha256,
            "media_type": document.media_type,
            "title": document.title,
            "url": document.url,
            "jurisdiction": self.jurisdiction,
            "text": document.text if self.keep_text else None,
        }

    def _report(self, document: Document, found: list[Finding]) -> DocumentReport:
        profile = self.profiler.extract(document.text, found)
        found = [
            f
            for f in found
            if not (
                self.lexicon.rule(f.rule_id).unless_licensed_source
                and self.profiler.licensed(f.text, profile)
            )
        ]
        findings = finding_points(found, self.policy)
        judged = judge_document(document.text, profile, findings, self.lexicon, self.jurisdiction)
        if not judged.document.promotes:
            findings = finding_points(found, self.policy, promotes=False)
        criteria = criteria_points(judged.criteria, self.policy)
        return DocumentReport(
            **self._identity(document),
            risk=risk(findings, criteria, judged.missing_disclosures, self.policy),
            document=judged.document,
            findings=findings,
            criteria=criteria,
            profile=profile,
            missing_disclosures=judged.missing_disclosures,
        )

    def _findings(self, document: Document, parts: list[tuple[Doc, int]]) -> list[Finding]:
        markers = suppressed_rules(document)
        findings = []
        for doc, offset in parts:
            sentences = segmented_sentences(doc)
            for span in doc.spans.get(SPANS_KEY, []):
                rule = self.lexicon.rule(span.id_)
                context: ClaimContext = span._.audit_context
                start = offset + span.start_char
                line, col = document.line_col(start)
                sentence_start, sentence = sentences.text_of(
                    (span.start, span.end), (span.start_char, span.end_char)
                )
                findings.append(
                    Finding(
                        rule_id=rule.id,
                        category=rule.category,
                        severity=rule.severity,
                        start=start,
                        end=offset + span.end_char,
                        line=line,
                        col=col,
                        page=document.page(start),
                        text=span.text,
                        sentence=sentence,
                        sentence_start=offset + sentence_start,
                        context=FindingContext(
                            negated=context.negated,
                            hedged=context.hedged,
                            attributed=context.attributed,
                            in_disclaimer=context.in_disclaimer,
                            cues=context.cues,
                        ),
                        message=rule.message,
                        criteria=list(rule.criteria),
                        suggestion=rule.suggestion,
                        weight=1.0,
                        points=0.0,
                        suppressed=is_suppressed(rule.id, line, markers),
                    )
                )
        return findings


def _checked(jurisdiction: str) -> str:
    if jurisdiction not in JURISDICTION_CHOICES:
        raise AuditorError("E112", name=jurisdiction, known=", ".join(JURISDICTION_CHOICES))
    return jurisdiction
