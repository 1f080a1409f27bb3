"""Markdown output, read back through a real CommonMark/GFM parser (markdown-it-py, via rich)."""

from __future__ import annotations

import lxml.html
import pytest
from markdown_it import MarkdownIt

from auditor import Document
from auditor.batch import collect, error_record
from auditor.errors import InputError
from auditor.explain import explain
from auditor.report.markdown import code, escape, render_markdown
from auditor.report.models import BatchReport

TRICKY = (
    "Our stem cells | are 100% safe <script>alert(1)</script> and *cure* MS.\n"
    "Book your [free consultation](http://x.test) today! `code` & more_words\n"
)
CLINIC = (
    "Our revolutionary stem cell therapy reverses multiple sclerosis with no side effects.\n"
    "FDA-registered lab, so it is FDA approved. Call now for a free quote!\n"
)


SITE_PAGES = {
    "https://clinic.example/ms": CLINIC,
    "https://clinic.example/knee": "Stem cell treatment for knee osteoarthritis, 100% safe.\n",
    "https://other.example/p?q=<b>`x`</b>": TRICKY,
}


def gfm() -> MarkdownIt:
    """CommonMark with GFM tables and raw HTML, as GitHub and most editors read Markdown."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.fixture(scope="module")
def batch(auditor) -> BatchReport:
    documents = [
        Document.from_text(TRICKY, id="tricky|name.md"),
        Document.from_text(CLINIC, id="clinic.md"),
    ]
    reports = list(auditor.audit_documents(documents))
    errors = [error_record(InputError("I101", source="missing.txt"))]
    return BatchReport(tool=auditor.tool, documents=reports, errors=errors)


@pytest.fixture(scope="module")
def rendered(batch, auditor):
    markdown = render_markdown(batch, auditor.lexicon)
    html = gfm().render(markdown)
    return markdown, lxml.html.document_fromstring(html)


def test_escape_neutralises_inline_markup():
    parsed = gfm().render(escape("a | *b* <i>c</i> [d](e) `f`"))
    assert "<em>" not in parsed and "<i>" not in parsed and "<code>" not in parsed
    assert "a | *b* &lt;i&gt;c&lt;/i&gt; [d](e) `f`" in parsed


def test_findings_tables_keep_their_columns_and_quote_the_text(batch, rendered):
    _, tree = rendered
    tables = tree.xpath("//table[thead/tr/th[.='rule']]")
    assert len(tables) == len([r for r in batch.documents if r.findings])
    for table, report in zip(tables, [r for r in batch.documents if r.findings], strict=True):
        headers = table.xpath("thead/tr/th/text()")
        assert headers[:3] == ["line:col", "rule", "severity"]
        rows = table.xpath("tbody/tr")
        assert len(rows) == len(report.findings)
        for row, finding in zip(rows, report.findings, strict=True):
            cells = [" ".join(c.text_content().split()) for c in row.xpath("td")]
            assert len(cells) == len(headers)
            assert cells[0] == f"{finding.line}:{finding.col}"
            assert cells[1] == finding.rule_id
            assert " ".join(finding.text.split()) in cells[4]
            assert cells[5] == finding.message


def test_document_text_never_becomes_markup(rendered):
    markdown, tree = rendered
    assert not tree.xpath("//script") and not tree.xpath("//a[@href='http://x.test']")
    assert "<script>" not in markdown
    assert "tricky|name.md" in tree.xpath("string(//h2[1])")


def test_flagged_criteria_have_citations_and_every_item_shown_is_explained(
    batch, rendered, auditor
):
    markdown, tree = rendered
    flagged = [c for r in batch.documents for c in r.criteria if c.status in ("flag", "possible")]
    assert flagged
    text = " ".join(tree.text_content().split())
    for criterion in flagged:
        assert criterion.id in text
        assert " ".join(criterion.citation.split()) in text
    summaries = set(tree.xpath("//details/summary/text()"))
    shown = {f.rule_id for r in batch.documents for f in r.findings} | {c.id for c in flagged}
    assert shown <= summaries
    for item in shown:
        assert explain(auditor.lexicon, item) in markdown


def test_missing_disclosures_and_errors_are_listed(batch, rendered):
    _, tree = rendered
    text = " ".join(tree.text_content().split())
    for report in batch.documents:
        for item in report.missing_disclosures:
            assert item.replace("_", " ") in text
    assert "missing.txt" in text and "I101" in text


@pytest.fixture(scope="module")
def site_batch(auditor) -> BatchReport:
    documents = [
        Document.from_text(text, id=f"page{i}", url=url, title=f"Page *{i}*")
        for i, (url, text) in enumerate(SITE_PAGES.items())
    ]
    documents.append(Document.from_text(CLINIC, id="plain.md"))
    return collect(enumerate(auditor.audit_documents(documents)), auditor.tool)


def site_sections(tree) -> list:
    """Per host, the elements from its heading to the next heading of that level or above."""
    sections = []
    for heading in tree.xpath("//h3[starts-with(normalize-space(.), 'Site ')]"):
        parts = []
        for element in heading.itersiblings():
            if element.tag in ("h1", "h2", "h3"):
                break
            parts.append(element)
        sections.append((heading, parts))
    return sections


def test_code_spans_keep_any_text_verbatim():
    for text in ("https://a.test/x", "a`b", "`edge``", "<b>|</b>"):
        rendered = gfm().render(f"- {code(text)}")
        assert lxml.html.fragment_fromstring(rendered).xpath("string(//code)") == text


def test_sites_section_lists_hosts_tiers_worst_pages_and_criteria(site_batch, auditor):
    markdown = render_markdown(site_batch, auditor.lexicon)
    tree = lxml.html.document_fromstring(gfm().render(markdown))
    assert "Sites" in tree.xpath("//h2/text()")
    sections = site_sections(tree)
    assert len(sections) == len(site_batch.sites) == 2
    for (heading, parts), site in zip(sections, site_batch.sites, strict=True):
        assert heading.xpath("string(code)") == site.host
        assert f"{site.pages} page(s)" in " ".join(heading.text_content().split())
        text = " ".join(" ".join(p.text_content().split()) for p in parts)
        for tier in ("high", "medium", "low"):
            assert f"{tier} {site.tiers[tier]}" in text
        assert site.criteria and site.indications, "these pages are chosen to claim both"
        pages, criteria, indications = [p for p in parts if p.tag == "ul"]
        items = pages.xpath("li")
        assert len(items) == len(site.worst_pages)
        for item, page in zip(items, site.worst_pages, strict=True):
            assert item.xpath("string(code)") == page.url
            assert f"{page.tier} risk, {page.score}/100" in item.text_content()
            assert page.title in item.text_content()
            (href,) = item.xpath("a/@href")
            section = tree.xpath(f'//a[@id="{href[1:]}"]/following::h2[1]')[0]
            assert section.text_content().startswith(page.title)
        rows = criteria.xpath("li")
        assert len(rows) == len(site.criteria)
        for row, criterion in zip(rows, site.criteria, strict=True):
            assert row.xpath("string(strong)") == criterion.id
            assert f"on {len(criterion.pages)} page(s)" in row.text_content()
        claimed = [" ".join(li.text_content().split()) for li in indications.xpath("li")]
        assert claimed == [
            f"{i.label}: {i.evidence.value.replace('_', ' ')}, on {len(i.pages)} page(s)"
            for i in site.indications
        ]
        explained = [d.xpath("string(summary)") for p in parts for d in p.xpath("self::details")]
        assert explained == [c.id for c in site.criteria]
        for criterion in site.criteria:
            assert explain(auditor.lexicon, criterion.id) in markdown
        links = [a.get("href") for p in parts for a in p.xpath(".//a[@href]")]
        assert len(links) == len(site.worst_pages), "each worst page links to its section"
        assert all(tree.xpath(f'//a[@id="{link[1:]}"]') for link in links), links
        assert all(link.startswith("#") for link in links), "URLs are never live links"


def test_no_sites_section_without_urls(rendered):
    _, tree = rendered
    assert "Sites" not in tree.xpath("//h2/text()")
