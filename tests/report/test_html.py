"""The HTML report: escaped text, highlights that cover every finding, explanations, overview."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest

from auditor import Auditor, Document
from auditor.batch import collect
from auditor.cli import main
from auditor.explain import explain
from auditor.report.html import render_html
from auditor.report.models import BatchReport, ErrorRecord
from auditor.sites import site_summaries

HOSTILE = (
    "Our stem cells are 100% safe <script>alert(1)</script> and cure MS.\n"
    '<img src="x" onerror="alert(2)"> Book your free consultation today!\n'
)
CLINIC = (
    "Our revolutionary stem cell therapy reverses multiple sclerosis with no side effects.\n"
    "FDA-registered lab, so it is FDA approved. Call now for a free quote!\n"
    "Patients tell us it changed their lives.\n"
)
NEUTRAL = "The weather in the harbour was mild today.\n"
SITE_PAGES = {
    "https://clinic.example/ms": CLINIC,
    "https://clinic.example/knee": (
        "Stem cell treatment for knee osteoarthritis and autism, 100% safe.\n"
    ),
    "https://clinic.example/about": NEUTRAL,
    "https://other.example/p?q=<b>x</b>": HOSTILE,
}


@pytest.fixture(scope="module")
def text_auditor(auditor: Auditor) -> Auditor:
    return auditor.replace(keep_text=True)


def batch_of(auditor: Auditor, *texts: str, errors=()) -> BatchReport:
    documents = [Document.from_text(t, id=f"doc{i}.txt") for i, t in enumerate(texts)]
    reports = list(auditor.audit_documents(documents))
    return BatchReport(tool=auditor.tool, documents=reports, errors=list(errors))


def parse(html: str):
    return lxml.html.document_fromstring(html)


def test_document_markup_renders_as_text_never_as_elements(text_auditor):
    document = Document.from_text(HOSTILE, id="<b>hostile</b>.txt")
    report = text_auditor.audit(document)
    batch = BatchReport(tool=text_auditor.tool, documents=[report], errors=[])
    html = render_html(batch, text_auditor.lexicon)
    tree = parse(html)

    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text_content()
    assert not tree.xpath("//img") and not tree.xpath("//*[@onerror]")
    assert not tree.xpath("//b[contains(., 'hostile')]")
    [pre] = tree.xpath("//pre[contains(@class, 'doc-text')]")
    assert pre.text_content() == HOSTILE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert report.findings, "the hostile text should also carry findings to highlight"


def test_text_segments_rebuild_the_document_and_cover_each_finding_exactly(text_auditor):
    batch = batch_of(text_auditor, CLINIC, HOSTILE)
    tree = parse(render_html(batch, text_auditor.lexicon))
    for number, report in enumerate(batch.documents, start=1):
        [pre] = tree.xpath(f"//section[@id='d{number}']//pre[contains(@class, 'doc-text')]")
        assert pre.text_content() == report.text
        for index, finding in enumerate(report.findings):
            key = f"d{number}-f{index}"
            marks = [
                mark for mark in pre.xpath(".//mark") if key in mark.get("data-findings").split()
            ]
            assert "".join(m.text_content() for m in marks) == finding.text, finding.rule_id
    overlapping = [m for m in tree.xpath("//mark") if len(m.get("data-findings").split()) > 1]
    assert all("multi" in m.get("class") for m in overlapping)


def test_overlapping_findings_split_into_segments(text_auditor):
    text = "Stem cell therapy reverses stroke-induced brain damage, a breakthrough.\n"
    batch = batch_of(text_auditor, text)
    findings = batch.documents[0].findings
    assert any(
        a is not b and a.start < b.end and b.start < a.end for a in findings for b in findings
    ), "this text is chosen for overlapping findings"
    tree = parse(render_html(batch, text_auditor.lexicon))
    [pre] = tree.xpath("//pre[contains(@class, 'doc-text')]")
    assert pre.text_content() == text
    assert not pre.xpath(".//mark//mark"), "segments never nest marks"


def test_each_finding_detail_holds_message_context_criteria_and_suggestion(text_auditor):
    batch = batch_of(text_auditor, CLINIC)
    tree = parse(render_html(batch, text_auditor.lexicon))
    for index, finding in enumerate(batch.documents[0].findings):
        [detail] = tree.xpath(f"//*[@id='d1-f{index}-detail']")
        content = " ".join(detail.text_content().split())
        assert finding.message in content
        assert " ".join(finding.suggestion.split()) in content
        for criterion in finding.criteria:
            citation = text_auditor.lexicon.criteria[criterion].citation
            assert criterion in content and " ".join(citation.split()) in content
        for flag, cue in finding.context.cues.items():
            assert flag.replace("_", " ") in content and cue in content


def test_every_rule_and_criterion_shown_carries_its_explanation(text_auditor):
    batch = batch_of(text_auditor, CLINIC, HOSTILE)
    lexicon = text_auditor.lexicon
    tree = parse(render_html(batch, lexicon))
    shown = {f.rule_id for r in batch.documents for f in r.findings}
    shown |= {c for r in batch.documents for f in r.findings for c in f.criteria}
    shown |= {c.id for r in batch.documents for c in r.criteria}
    for item in shown:
        [details] = tree.xpath(f"//details[@id='explain-{item}']")
        assert details.xpath("string(.//pre)") == explain(lexicon, item)


def test_every_link_in_the_page_has_a_target(text_auditor):
    batch = batch_of(text_auditor, CLINIC, HOSTILE, NEUTRAL)
    tree = parse(render_html(batch, text_auditor.lexicon))
    ids = set(tree.xpath("//@id"))
    links = [href[1:] for href in tree.xpath("//a/@href")]
    assert links and all(link in ids for link in links)
    evidence = [c for r in batch.documents for c in r.criteria if c.evidence]
    assert evidence and tree.xpath(
        "//table[contains(@class, 'criteria')]//a[contains(@href, '-s')]"
    )


def test_overview_table_tiers_and_charts(text_auditor):
    errors = [ErrorRecord(source="missing.txt", code="I101", error="[I101] missing.txt: no file")]
    batch = batch_of(text_auditor, CLINIC, HOSTILE, NEUTRAL, errors=errors)
    tree = parse(render_html(batch, text_auditor.lexicon))
    rows = tree.xpath("//table[@id='summary']/tbody/tr")
    assert len(rows) == 3
    scores = [int(row.xpath("string(td[3])")) for row in rows]
    assert scores == sorted((r.risk.score for r in batch.documents), reverse=True)
    tiers = " ".join(tree.xpath("string(//p[@class='tiers'])").split())
    for tier in ("high", "medium", "low"):
        count = sum(r.risk.tier == tier for r in batch.documents)
        assert f"{tier} {count}" in tiers
    charts = tree.xpath("//figure[contains(@class, 'chart')]")
    assert len(charts) == 3
    score_bars = charts[0].xpath(".//text[@class='bar-value']/text()")
    assert sum(int(v) for v in score_bars) == len(batch.documents)
    assert "missing.txt" in tree.xpath("string(//section[@id='errors'])")


def test_page_is_self_contained_and_runs_only_its_own_script(text_auditor):
    html = render_html(batch_of(text_auditor, CLINIC), text_auditor.lexicon)
    tree = parse(html)
    assert not tree.xpath("//*[@src]") and not tree.xpath("//link")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    [csp] = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    [script] = tree.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_without_the_text_the_sentences_holding_findings_are_shown(auditor):
    batch = batch_of(auditor, CLINIC)
    report = batch.documents[0]
    assert report.text is None
    tree = parse(render_html(batch, auditor.lexicon))
    passages = [p.text_content() for p in tree.xpath("//pre[contains(@class, 'doc-text')]")]
    assert passages == sorted({f.sentence for f in report.findings}, key=CLINIC.index)
    assert len(tree.xpath("//mark")) >= len({(f.start, f.end) for f in report.findings})


def test_cli_writes_the_html_report_with_highlights(tmp_path):
    from click.testing import CliRunner

    source = tmp_path / "clinic.md"
    source.write_text(CLINIC, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["audit", str(source), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    tree = parse(out.read_text(encoding="utf-8"))
    assert tree.xpath("string(//pre[contains(@class, 'doc-text')])") == CLINIC
    assert tree.xpath("//mark[contains(@class, 'hl')]")


def site_batch(auditor: Auditor, pages: dict[str, str], plain: str | None = None) -> BatchReport:
    """A batch as ``collect`` builds it: the pages with a URL get a site view."""
    documents = [
        Document.from_text(text, id=f"page{i}", url=url, title=f"Page <{i}>")
        for i, (url, text) in enumerate(pages.items())
    ]
    if plain is not None:
        documents.append(Document.from_text(plain, id="plain.txt"))
    return collect(enumerate(auditor.audit_documents(documents)), auditor.tool)


def section_of(tree, url: str) -> str:
    [section] = tree.xpath(f"//section[@class='document'][.//p[@class='meta']//code[.={url!r}]]")
    return section.get("id")


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_site_section_lists_hosts_tiers_and_worst_pages_linked_to_their_sections(text_auditor):
    batch = site_batch(text_auditor, SITE_PAGES, plain=CLINIC)
    assert len(batch.sites) == 2, "the pages span two hosts; the plain document has none"
    tree = parse(render_html(batch, text_auditor.lexicon))
    sites = tree.xpath("//section[@id='sites']/article[@class='site']")
    assert [s.xpath("string(h3/code)") for s in sites] == [site.host for site in batch.sites]
    for article, site in zip(sites, batch.sites, strict=True):
        assert f"{site.pages} page(s)" in words(article.xpath("h3")[0])
        tiers = words(article.xpath("p[@class='tiers']")[0])
        for tier in ("high", "medium", "low"):
            assert f"{tier} {site.tiers[tier]}" in tiers
        rows = article.xpath(".//table[@class='site-pages']/tbody/tr")
        assert len(rows) == len(site.worst_pages)
        for row, page in zip(rows, site.worst_pages, strict=True):
            cells = row.xpath("td")
            assert int(cells[0].text_content()) == page.score
            assert words(cells[1]) == page.tier
            [link] = cells[2].xpath("a")
            assert link.text_content() == page.title
            assert link.get("href") == "#" + section_of(tree, page.url)
            assert cells[3].xpath("string(code)") == page.url
    hrefs = tree.xpath("//section[@id='sites']//a/@href")
    assert hrefs and all(href.startswith("#") for href in hrefs), "no link leaves the page"


def test_site_criteria_carry_page_counts_links_and_explanations(text_auditor):
    batch = site_batch(text_auditor, SITE_PAGES)
    lexicon = text_auditor.lexicon
    tree = parse(render_html(batch, lexicon))
    ids = set(tree.xpath("//@id"))
    for article, site in zip(tree.xpath("//article[@class='site']"), batch.sites, strict=True):
        rows = article.xpath(".//table[@class='site-criteria']/tbody/tr")
        assert site.criteria and len(rows) == len(site.criteria)
        for row, criterion in zip(rows, site.criteria, strict=True):
            cells = row.xpath("td")
            assert cells[0].xpath("string(a)") == criterion.id
            assert cells[0].xpath("string(a/@href)")[1:] in ids
            assert criterion.title in words(cells[0])
            assert words(cells[1]) == criterion.status
            assert words(cells[3]).startswith(f"{len(criterion.pages)}:")
            targets = [href[1:] for href in cells[3].xpath("a/@href")]
            assert targets == [section_of(tree, url) for url in criterion.pages]
            assert cells[4].xpath("string(.//pre)") == explain(lexicon, criterion.id)
        indications = article.xpath(".//table[@class='site-indications']/tbody/tr")
        assert len(indications) == len(site.indications)
        for row, indication in zip(indications, site.indications, strict=True):
            cells = [words(cell) for cell in row.xpath("td")]
            assert cells == [
                indication.label,
                indication.evidence.value.replace("_", " "),
                str(len(indication.pages)),
            ]


def test_site_urls_stay_escaped_text_and_pages_outside_the_batch_are_not_linked(text_auditor):
    batch = site_batch(text_auditor, SITE_PAGES)
    hostile = "https://other.example/p?q=<b>x</b>"
    outside = batch.documents[0]
    # The site view of a bigger crawl than the documents this page shows.
    partial = batch.model_copy(
        update={"documents": batch.documents[1:], "sites": site_summaries(batch.documents)}
    )
    html = render_html(partial, text_auditor.lexicon)
    tree = parse(html)
    section = tree.xpath("//section[@id='sites']")[0]
    assert not section.xpath(".//b") and hostile in section.xpath(".//code/text()")
    [row] = section.xpath(f".//tr[td/code[.={outside.url!r}]]")
    assert not row.xpath(".//a") and outside.title in words(row)
    assert all(href[1:] in set(tree.xpath("//@id")) for href in tree.xpath("//a/@href"))


def test_no_site_section_without_urls(text_auditor):
    tree = parse(render_html(batch_of(text_auditor, CLINIC, NEUTRAL), text_auditor.lexicon))
    assert not tree.xpath("//section[@id='sites']")


def test_each_linked_span_is_marked_for_highlighting_where_it_lies(text_auditor):
    batch = batch_of(text_auditor, CLINIC, HOSTILE)
    tree = parse(render_html(batch, text_auditor.lexicon))
    for number, report in enumerate(batch.documents, start=1):
        evidence = {(e.start, e.end) for c in report.criteria for e in c.evidence}
        assert evidence, "these texts are chosen for criterion evidence"
        for start, end in evidence:
            anchor = f"d{number}-s{start}-{end}"
            assert tree.xpath(f"//a[@class='anchor'][@id='{anchor}']")
            covering = tree.xpath(f"//*[contains(concat(' ', @data-spans, ' '), ' {anchor} ')]")
            assert "".join(e.text_content() for e in covering) == report.text[start:end]


def test_cli_html_report_from_a_url_table_shows_its_sites(tmp_path):
    import csv

    from click.testing import CliRunner

    table = tmp_path / "pages.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "text"])
        writer.writerows(SITE_PAGES.items())
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["audit", str(table), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    tree = parse(out.read_text(encoding="utf-8"))
    hosts = tree.xpath("//section[@id='sites']/article/h3/code/text()")
    assert hosts == sorted({url.split("/")[2] for url in SITE_PAGES})
    urls = tree.xpath("//table[@class='site-pages']//code[@class='url']/text()")
    assert sorted(urls) == sorted(SITE_PAGES)
