"""Per-host summaries of crawled or archived pages: a regulator judges a clinic by its site.

A page alone may hedge what the next page promises, so the site view gathers, per host, the
worst pages, every criterion flagged on any page (with the pages) and every indication
claimed anywhere. :class:`SiteTally` keeps only these aggregates, so a streamed batch can be
summarised without holding its reports.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.report.models import (
    TIERS,
    CriterionResult,
    DocumentReport,
    Indication,
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
        tally.add(report)
    return tally.summaries()


def host_of(url: str) -> str:
    """The host (with a non-default port) a page belongs to, lower-cased."""
    return urlsplit(url).netloc.lower()


@dataclass
class _Flagged:
    criterion: CriterionResult
    status: str
    pages: list[str] = field(default_factory=list)


@dataclass
class _Claimed:
    indication: Indication
    pages: list[str] = field(default_factory=list)


@dataclass
class _Site:
    pages: int = 0
    tiers: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, int, SitePage]] = field(default_factory=list)
    criteria: dict[str, _Flagged] = field(default_factory=dict)
    indications: dict[str, _Claimed] = field(default_factory=dict)


class SiteTally:
    """Site aggregates built one report at a time."""

    def __init__(self, worst_pages: int = WORST_PAGES) -> None:
        self.worst_pages = worst_pages
        self._sites: dict[str, _Site] = {}

    def add(self, report: DocumentReport) -> None:
        if not report.url:
            return
        site = self._sites.setdefault(host_of(report.url), _Site())
        site.pages += 1
        site.tiers[report.risk.tier] += 1
        page = SitePage(
            id=report.id,
            url=report.url,
            title=report.title,
            score=report.risk.score,
            tier=report.risk.tier,
        )
        # Highest score first; among equal scores, the page seen first.
        entry = (page.score, -site.pages, page)
        if len(site.worst) < self.worst_pages:
            heapq.heappush(site.worst, entry)
        elif self.worst_pages:
            heapq.heappushpop(site.worst, entry)
        for criterion in report.criteria:
            if criterion.status in _STATUS_RANK:
                flagged = site.criteria.setdefault(
                    criterion.id, _Flagged(criterion, criterion.status)
                )
                if _STATUS_RANK[criterion.status] > _STATUS_RANK[flagged.status]:
                    flagged.status = criterion.status
                flagged.pages.append(report.url)
        for indication in report.profile.indications:
            site.indications.setdefault(indication.condition, _Claimed(indication)).pages.append(
                report.url
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
                pages=f.pages,
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
                pages=c.pages,
            )
            for c in sorted(
                site.indications.values(), key=lambda c: (-len(c.pages), c.indication.label)
            )
        ]
        return SiteSummary(
            host=host,
            pages=site.pages,
            tiers={tier: site.tiers[tier] for tier in TIERS},
            worst_pages=[page for *_, page in sorted(site.worst, reverse=True)],
            criteria=criteria,
            indications=indications,
        )
