"""``auditor serve``'s app on a real uvicorn server on 127.0.0.1: page, JSON API, limits, URLs."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import httpx
import lxml.html
import pytest
import uvicorn

from auditor import Document
from auditor.report.models import DocumentReport
from auditor.serve import FETCH_OPTIONS, create_app

CLINIC = (
    "Our revolutionary stem cell therapy reverses multiple sclerosis with no side effects.\n"
    "FDA-registered lab, so it is FDA approved. Call now for a free quote!\n"
)
OTHER = "Exosome injections cure autism, guaranteed. Book today and save 30%.\n"
LIMIT = 64 * 1024


@contextmanager
def running(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1; yield its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base(auditor) -> Iterator[str]:
    with running(create_app(auditor, max_body=LIMIT)) as url:
        yield url


@pytest.fixture(scope="module")
def private_base(auditor) -> Iterator[str]:
    """An app allowed to fetch from this machine, for the URL tests only."""
    options = replace(FETCH_OPTIONS, allow_private=True)
    with running(create_app(auditor, fetch_options=options)) as url:
        yield url


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Iterator[str]:
    """A plain http.server on 127.0.0.1 serving one clinic page."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "clinic.txt").write_text(CLINIC, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def audit_api(base: str, **payload) -> httpx.Response:
    return httpx.post(f"{base}/api/audit", json=payload, timeout=60)


def comparable(report: DocumentReport) -> list[tuple]:
    return [(f.rule_id, f.start, f.end, f.points) for f in report.findings]


def test_api_returns_the_same_report_as_the_library(base, auditor):
    response = audit_api(base, text=CLINIC)
    assert response.status_code == 200
    report = DocumentReport.model_validate(response.json())
    expected = auditor.audit(Document.from_text(CLINIC))
    assert report.findings and comparable(report) == comparable(expected)
    assert report.risk == expected.risk and report.jurisdiction == auditor.jurisdiction


def test_api_judges_the_jurisdiction_asked_for(base, auditor):
    report = DocumentReport.model_validate(audit_api(base, text=CLINIC, jurisdiction="eu").json())
    assert report.jurisdiction == "eu"
    ids = {c.id for c in report.criteria}
    assert any(i.startswith("EU-") for i in ids) and not any(i.startswith("US-") for i in ids)
    again = DocumentReport.model_validate(audit_api(base, text=CLINIC).json())
    assert again.jurisdiction == auditor.jurisdiction, "one request's choice is not kept"


def test_requests_share_no_state(base):
    first = audit_api(base, text=CLINIC).json()
    audit_api(base, text=OTHER)
    audit_api(base, text="   ")
    assert audit_api(base, text=CLINIC).json()["findings"] == first["findings"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 422),
        ({"text": CLINIC, "url": "http://example.org/"}, 422),
        ({"text": CLINIC, "jurisdiction": "mars"}, 422),
        ({"text": CLINIC, "colour": "red"}, 422),
    ],
)
def test_api_rejects_malformed_requests(base, payload, status):
    assert audit_api(base, **payload).status_code == status


def test_unreadable_text_is_a_coded_one_line_error(base):
    response = audit_api(base, text=" \n ")
    assert response.status_code == 400
    assert response.json()["code"] == "I105"
    assert "empty document" in response.json()["error"]


def test_bodies_over_the_limit_get_413_declared_or_chunked(base):
    text = "stem cells " * (LIMIT // 10)
    declared = audit_api(base, text=text)
    assert declared.status_code == 413 and declared.json()["code"] == "I150"
    assert str(LIMIT) in declared.json()["error"]

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(LIMIT // 1024 + 1):
            yield b"a" * 1024
        yield b'"}'

    chunked = httpx.post(
        f"{base}/api/audit",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert chunked.status_code == 413 and chunked.json()["code"] == "I150"
    assert audit_api(base, text=CLINIC).status_code == 200


def test_urls_on_private_addresses_are_refused_by_default(base, pages):
    response = audit_api(base, url=f"{pages}/clinic.txt")
    assert response.status_code == 400
    assert response.json()["code"] == "I114" and "loopback" in response.json()["error"]


def test_non_http_urls_are_refused(base):
    response = audit_api(base, url="file:///etc/passwd")
    assert response.status_code == 400 and response.json()["code"] == "I114"


def test_a_page_is_fetched_and_audited_when_allowed(private_base, pages, auditor):
    response = audit_api(private_base, url=f"{pages}/clinic.txt")
    assert response.status_code == 200, response.text
    report = DocumentReport.model_validate(response.json())
    assert report.url == f"{pages}/clinic.txt"
    assert comparable(report) == comparable(auditor.audit(Document.from_text(CLINIC)))
    missing = audit_api(private_base, url=f"{pages}/nothing.txt")
    assert missing.status_code == 400 and missing.json()["code"] == "I116"


def test_openapi_describes_the_request_and_the_report(base):
    schema = httpx.get(f"{base}/openapi.json").json()
    operation = schema["paths"]["/api/audit"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/AuditRequest"
    )
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/DocumentReport")
    assert {"findings", "criteria", "risk"} <= set(
        schema["components"]["schemas"]["DocumentReport"]["properties"]
    )
    assert {"400", "413", "422"} <= set(operation["responses"])


def test_page_form_shows_the_highlighted_report_escaped(base, auditor):
    page = httpx.get(f"{base}/")
    assert page.status_code == 200
    form = lxml.html.document_fromstring(page.text)
    assert form.xpath("//form//textarea[@name='text']") and form.xpath("//button[@type='submit']")

    text = CLINIC + "<script>alert(1)</script>\n"
    response = httpx.post(f"{base}/", data={"text": text, "jurisdiction": "us"}, timeout=60)
    assert response.status_code == 200
    tree = lxml.html.document_fromstring(response.text)
    assert len(tree.xpath("//script")) == 1
    [pre] = tree.xpath("//pre[contains(@class, 'doc-text')]")
    assert pre.text_content() == text
    report = auditor.audit(Document.from_text(text))
    assert report.findings
    for index, finding in enumerate(report.findings):
        key = f" d1-f{index} "
        marks = pre.xpath(f".//mark[contains(concat(' ', @data-findings, ' '), '{key}')]")
        assert "".join(m.text_content() for m in marks) == finding.text
    assert tree.xpath("//textarea[@name='text']")[0].text_content() == text


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"text": " \n", "url": ""}, "I105"),
        ({"text": "", "url": ""}, "exactly one of"),
        ({"text": CLINIC, "url": "http://example.org/"}, "exactly one of"),
        ({"text": CLINIC, "jurisdiction": "mars"}, "jurisdiction"),
    ],
)
def test_page_form_reports_input_errors_in_the_page(base, fields, error):
    response = httpx.post(f"{base}/", data=fields, timeout=60)
    assert response.status_code == 400
    tree = lxml.html.document_fromstring(response.text)
    assert error in tree.xpath("string(//*[@role='alert'])")
    assert not tree.xpath("//pre[contains(@class, 'doc-text')]")
