"""HTML report: one self-contained page for people who read reports rather than JSON.

Everything is inline (CSS, a little vanilla JS for sorting and tooltips, charts as SVG drawn
here), so the file opens offline. Templates are rendered with autoescape on: document text is
always escaped, never markup. The text is cut into segments at every finding and linked span
boundary, so overlapping findings nest deterministically; the serve page uses the same
templates through :func:`render_page`. Crawled pages also get a per-host site view whose
pages link to their sections of the same report; their URLs are shown as text, never followed.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import pairwise

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from auditor.explain import explain
from auditor.lexicon import Lexicon
from auditor.report.models import (
    CONTEXT_FLAGS,
    FLAGGED,
    TIERS,
    BatchReport,
    CriterionResult,
    DocumentReport,
    Finding,
    SiteSummary,
)
from auditor.strength.data import STRENGTH_NAMES

ENV = Environment(
    loader=PackageLoader("auditor.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
ENV.globals["TIERS"] = TIERS
SCRIPT = Markup(files("auditor.report").joinpath("templates", "report.js").read_text("utf-8"))
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
"""The page's only script; the Content-Security-Policy allows it by hash and nothing else."""

PALETTE = (
    "#ffd6a5",
    "#ffadad",
    "#caffbf",
    "#9bf6ff",
    "#bdb2ff",
    "#fdffb6",
    "#ffc6ff",
    "#a0c4ff",
    "#d4a373",
    "#b7e4c7",
    "#f4acb7",
    "#cdb4db",
)
"""Background colours of the highlight categories, assigned in the lexicon's category order."""

STATUS_ORDER = {"flag": 0, "possible": 1, "clear": 2, "not_applicable": 3}
SCORE_BINS = 10
TOP_ITEMS = 10
MENTIONS_SHOWN = 5


@dataclass(frozen=True)
class Segment:
    """Text covered by the same findings; ``anchors`` are the link targets starting here."""

    text: str
    findings: tuple[str, ...] = ()
    category: str = ""
    suppressed: bool = False
    evidence: bool = False
    anchors: tuple[str, ...] = ()
    spans: tuple[str, ...] = ()
    """Anchors of the linked spans covering this segment: the script highlights a link's target."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]

    @property
    def peak(self) -> int:
        return max((bar.value for bar in self.bars), default=0) or 1


@dataclass
class DocumentView:
    """One document as the templates need it: the report, its text segments and link targets."""

    key: str
    report: DocumentReport
    passages: list[list[Segment]]
    anchors: set[str] = field(default_factory=set)

    def finding_key(self, index: int) -> str:
        return f"{self.key}-f{index}"

    def anchor(self, start: int, end: int) -> str:
        return f"{self.key}-s{start}-{end}"

    def link(self, start: int, end: int) -> str | None:
        """The anchor id of a span in the shown text, or ``None`` when the text is not shown."""
        anchor = self.anchor(start, end)
        return anchor if anchor in self.anchors else None

    @property
    def criteria(self) -> list[CriterionResult]:
        return sorted(self.report.criteria, key=lambda c: STATUS_ORDER[c.status])

    @property
    def category_counts(self) -> list[tuple[str, int]]:
        return Counter(f.category for f in self.report.findings if not f.suppressed).most_common()


def render_html(batch: BatchReport, lexicon: Lexicon) -> str:
    """The standalone report page: overview, every document, every explanation."""
    return render_page("report.html.j2", batch, lexicon)


def render_page(template: str, batch: BatchReport, lexicon: Lexicon, **context) -> str:
    """Render one of the package's page templates with the batch's view model."""
    colours = category_colours(lexicon)
    classes = {category: css_class for category, (css_class, _) in colours.items()}
    documents = [
        document_view(f"d{number}", report, classes)
        for number, report in enumerate(batch.documents, start=1)
    ]
    keys_by_id, keys_by_url = section_keys(documents)
    return ENV.get_template(template).render(
        batch=batch,
        documents=documents,
        colours=colours,
        charts=charts(batch),
        tiers=Counter(r.risk.tier for r in batch.documents),
        sites=batch.sites,
        keys_by_id=keys_by_id,
        keys_by_url=keys_by_url,
        explanations=explanations(documents, batch.sites, lexicon),
        lexicon_criteria=lexicon.criteria,
        script=SCRIPT,
        script_hash=SCRIPT_HASH,
        strength_labels=STRENGTH_NAMES,
        context_flags=CONTEXT_FLAGS,
        mentions_shown=MENTIONS_SHOWN,
        **context,
    )


def section_keys(documents: list[DocumentView]) -> tuple[dict[str, str], dict[str, str]]:
    """Section id of each document by report id and by URL, for the site view's page links."""
    by_id: dict[str, str] = {}
    by_url: dict[str, str] = {}
    for view in documents:
        by_id.setdefault(view.report.id, view.key)
        if view.report.url:
            by_url.setdefault(view.report.url, view.key)
    return by_id, by_url


def category_colours(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """Category -> (CSS class, colour); classes are indexes, so no lexicon text enters CSS."""
    return {
        category: (f"c{index}", PALETTE[index % len(PALETTE)])
        for index, category in enumerate(lexicon.categories)
    }


def explanations(
    documents: list[DocumentView], sites: list[SiteSummary], lexicon: Lexicon
) -> dict[str, str]:
    """What ``auditor explain`` prints for every rule and criterion the page shows."""
    ids: dict[str, None] = {}
    for view in documents:
        for finding in view.report.findings:
            ids[finding.rule_id] = None
            ids.update(dict.fromkeys(finding.criteria))
        ids.update(dict.fromkeys(c.id for c in view.report.criteria))
    for site in sites:
        ids.update(dict.fromkeys(c.id for c in site.criteria))
    return {item: explain(lexicon, item) for item in ids}


def document_view(key: str, report: DocumentReport, classes: dict[str, str]) -> DocumentView:
    """Cut the text (or, without it, the sentences holding findings) into segments.

    ``classes`` maps a finding category to the CSS class of its colour.
    """
    view = DocumentView(key=key, report=report, passages=[])
    if report.text is not None:
        passages = [(0, report.text)]
    else:
        sentences = {f.sentence_start: f.sentence for f in report.findings}
        passages = sorted(sentences.items())
    linked = _linked_spans(report)
    evidence = {(e.start, e.end) for c in report.criteria for e in c.evidence}
    for start, text in passages:
        end = start + len(text)
        inside = sorted(span for span in linked if start <= span[0] and span[1] <= end)
        view.anchors.update(view.anchor(*span) for span in inside)
        view.passages.append(_segments(view, start, text, inside, evidence, classes))
    return view


def _linked_spans(report: DocumentReport) -> set[tuple[int, int]]:
    """Spans the page links to: criterion evidence and product-profile mentions."""
    profile = report.profile
    mentions = [
        *(e for c in report.criteria for e in c.evidence),
        *(m for hits in profile.features.values() for hit in hits for m in hit.mentions),
        *(m for indication in profile.indications for m in indication.mentions),
        *profile.cell_products,
        *profile.approved_products,
        *profile.regulatory_statements,
        *profile.disclaimers,
    ]
    return {(m.start, m.end) for m in mentions if m.end > m.start}


def _segments(
    view: DocumentView,
    offset: int,
    text: str,
    linked: list[tuple[int, int]],
    evidence: set[tuple[int, int]],
    classes: dict[str, str],
) -> list[Segment]:
    """Split ``text`` (starting at ``offset`` in the document) wherever coverage changes."""
    end = offset + len(text)
    findings = [
        (index, f)
        for index, f in enumerate(view.report.findings)
        if offset <= f.start < f.end <= end
    ]
    bounds = {offset, end}
    for _, f in findings:
        bounds.update((f.start, f.end))
    anchors_at: dict[int, list[str]] = {}
    for span in linked:
        bounds.update(span)
        anchors_at.setdefault(span[0], []).append(view.anchor(*span))
    segments = []
    for a, b in pairwise(sorted(bounds)):
        covering = [(i, f) for i, f in findings if f.start <= a and b <= f.end]
        lead = _lead(covering)
        segments.append(
            Segment(
                text=text[a - offset : b - offset],
                findings=tuple(view.finding_key(i) for i, _ in covering),
                category=classes.get(lead.category, "") if lead else "",
                suppressed=bool(covering) and all(f.suppressed for _, f in covering),
                evidence=any(s <= a and b <= e for s, e in evidence),
                anchors=tuple(anchors_at.get(a, ())),
                spans=tuple(view.anchor(s, e) for s, e in linked if s <= a and b <= e),
            )
        )
    return segments


def _lead(covering: list[tuple[int, Finding]]) -> Finding | None:
    """The finding whose colour a segment takes: most severe, then the earliest, then longest."""
    if not covering:
        return None
    return min(
        (f for _, f in covering), key=lambda f: (-f.severity.rank, f.start, -(f.end - f.start))
    )


def charts(batch: BatchReport) -> list[Chart]:
    """Score distribution, most frequent rules, most often flagged criteria."""
    width = 100 // SCORE_BINS
    bins = Counter(min(r.risk.score // width, SCORE_BINS - 1) for r in batch.documents)
    scores = [
        Bar(f"{i * width}-{100 if i == SCORE_BINS - 1 else (i + 1) * width - 1}", bins[i])
        for i in range(SCORE_BINS)
    ]
    rules = Counter(
        f.rule_id for r in batch.documents for f in r.findings if not f.suppressed
    ).most_common(TOP_ITEMS)
    criteria = Counter(
        c.id for r in batch.documents for c in r.criteria if c.status in FLAGGED
    ).most_common(TOP_ITEMS)
    return [
        Chart("Score distribution (documents per score band)", scores),
        Chart(
            "Most frequent rules (findings)",
            [Bar(rule, n, f"#explain-{rule}") for rule, n in rules],
        ),
        Chart(
            "Most frequent criteria (documents flagged or possible)",
            [Bar(cid, n, f"#explain-{cid}") for cid, n in criteria],
        ),
    ]
