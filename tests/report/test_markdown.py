"""Markdown output, read back through a real CommonMark/GFM parser (markdown-it-py, via rich)."""

from __future__ import annotations

import lxml.html
import pytest
from markdown_it import MarkdownIt

from auditor import Document
from auditor.batch import error_record
from auditor.errors import InputError
from auditor.explain import explain
from auditor.report.markdown import escape, render_markdown
from auditor.report.models import BatchReport

TRICKY = (
    "Our stem cells | are 100% safe <script>alert(1)</script> and *cure* MS.\n"
    "Book your [free consultation](http://x.test) today! `code` & more_words\n"
)
CLINIC = (
    "Our revolutionary stem cell therapy reverses multiple sclerosis with no side effects.\n"
    "FDA-registered lab, so it is FDA approved. Call now for a free quote!\n"
)


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
