"""Per-host summaries of crawled or archived pages: a regulator judges a clinic by its site.

A page alone may hedge what the next page promises, so the site view gathers, per host, the
worst pages, every criterion flagged on any page (with the pages) and every indication
claimed anywhere. :class:`SiteTally` keeps only these aggregates, so a streamed batch can be
summarised without holding its reports.

The tally reads a page as a :class:`SitePart`, the few fields of its report the view needs.
Pool and Dask workers send it in the report's digest (:mod:`auditor.records`), so the parent
process builds the site view without rebuilding each report from its JSON line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from auditor.lexicon.schema import Evidence as EvidenceLevel
from auditor.lexicon.schema import Severity
from auditor.report.models import (
    TIERS,
    DocumentReport,
    SiteCriterion,
    SiteIndication,
    SitePage,
    SiteSummary,
)

WORST_PAGES = 5
"""Pages listed per site, highest score first."""
_STATUS_RANK = {"possible": 1, "flag": 2}


def site_summaries(
    reports: Iterable[DocumentReport], worst_pages: int = WORST_PAGES
) -> list[SiteSummary]:
    """One summary per URL host, sorted by host; reports without a URL are left out."""
    tally = SiteTally(worst_pages)
    for report in reports:
        tally.add(SitePart.of(report))
    return tally.summaries()


def host_of(url: str) -> str:
    """The host (with a non-default port) a page belongs to, lower-cased."""
    return urlsplit(url).netloc.lower()


class PageCriterion(NamedTuple):
    """A criterion flagged or possible on one page."""

    id: str
    title: str
    severity: Severity
    status: str


class PageIndication(NamedTuple):
    """An indication one page claims."""

    condition: str
    label: str
    evidence: EvidenceLevel


@dataclass(frozen=True, slots=True)
class SitePart:
    """What the site view reads of one page's report: plain values, cheap to send between
    processes, so the parent need not rebuild the report to tally its site."""

    host: str
    id: str
    url: str
    title: str | None
    score: int
    tier: str
    criteria: tuple[PageCriterion, ...]
    indications: tuple[PageIndication, ...]

    @classmethod
    def of(cls, report: DocumentReport) -> SitePart | None:
        """The part of a page's report; ``None`` for a report without a URL (no site)."""
        if not report.url:
            return None
        return cls(
            host=host_of(report.url),
            id=report.id,
            url=report.url,
            title=report.title,
            score=report.risk.score,
            tier=report.risk.tier,
            criteria=tuple(
                PageCriterion(c.id, c.title, c.severity, c.status)
                for c in report.criteria
                if c.status in _STATUS_RANK
            ),
            indications=tuple(
                PageIndication(i.condition, i.label, i.evidence) for i in report.profile.indications
            ),
        )


@dataclass
class _Flagged:
    criterion: PageCriterion
    status: str
    pages: list[str] = field(default_factory=list)


@dataclass
class _Claimed:
    indication: PageIndication
    pages: list[str] = field(default_factory=list)


@dataclass
class _Site:
    pages: int = 0
    tiers: Counter[str] = field(default_factory=Counter)
    worst: list[SitePart] = field(default_factory=list)
    criteria: dict[str, _Flagged] = field(default_factory=dict)
    indications: dict[str, _Claimed] = field(default_factory=dict)


class SiteTally:
    """Site aggregates built one page at a time, from its :class:`SitePart`."""

    def __init__(self, worst_pages: int = WORST_PAGES) -> None:
        self.worst_pages = worst_pages
        self._sites: dict[str, _Site] = {}

    def add(self, page: SitePart | None) -> None:
        """Count one page (``None``, a report without a URL, counts for no site)."""
        if page is None:
            return
        site = self._sites.setdefault(page.host, _Site())
        site.pages += 1
        site.tiers[page.tier] += 1
        # Highest score first, then by URL: the same pages whatever order workers finish in.
        site.worst.append(page)
        site.worst.sort(key=lambda p: (-p.score, p.url, p.id))
        del site.worst[self.worst_pages :]
        for criterion in page.criteria:
            flagged = site.criteria.setdefault(criterion.id, _Flagged(criterion, criterion.status))
            if _STATUS_RANK[criterion.status] > _STATUS_RANK[flagged.status]:
                flagged.status = criterion.status
            flagged.pages.append(page.url)
        for indication in page.indications:
            site.indications.setdefault(indication.condition, _Claimed(indication)).pages.append(
                page.url
            )

    def summaries(self) -> list[SiteSummary]:
        return [self._summary(host, site) for host, site in sorted(self._sites.items())]

    @staticmethod
    def _summary(host: str, site: _Site) -> SiteSummary:
        criteria = [
            SiteCriterion(
                id=f.criterion.id,
                title=f.criterion.title,
                severity=f.criterion.severity,
                status=f.status,
                pages=sorted(f.pages),
            )
            for f in sorted(
                site.criteria.values(),
                key=lambda f: (
                    -_STATUS_RANK[f.status],
                    -f.criterion.severity.rank,
                    -len(f.pages),
                    f.criterion.id,
                ),
            )
        ]
        indications = [
            SiteIndication(
                condition=c.indication.condition,
                label=c.indication.label,
                evidence=c.indication.evidence,
                pages=sorted(c.pages),
            )
            for c in sorted(
                site.indications.values(), key=lambda c: (-len(c.pages), c.indication.label)
            )
        ]
        return SiteSummary(
            host=host,
            pages=site.pages,
            tiers={tier: site.tiers[tier] for tier in TIERS},
            worst_pages=[
                SitePage(id=p.id, url=p.url, title=p.title, score=p.score, tier=p.tier)
                for p in site.worst
            ],
            criteria=criteria,
            indications=indications,
        )
