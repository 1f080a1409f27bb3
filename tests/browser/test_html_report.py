"""An HTML report opened from disk in Chromium: highlights, tooltips, sorting, no errors."""

from __future__ import annotations

import csv
import subprocess
import sys

from tests_support import CORPUS


def _watch(page) -> tuple[list[str], list[str]]:
    """Collect the page's console errors and uncaught exceptions, and every URL it requests."""
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    return problems, requests


def test_report_file_works_offline_without_console_errors(page, artifacts, tmp_path):
    out = tmp_path / "report.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "audit",
            str(CORPUS / "docs"),
            "-f",
            "html",
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    problems, requests = _watch(page)

    page.goto(out.as_uri())
    marks = page.locator("pre.doc-text mark.hl")
    assert marks.count() > 0
    sections = page.locator("section.document")
    assert sections.count() == len(page.locator("#summary tbody tr").all())

    first = marks.first
    first.scroll_into_view_if_needed()
    first.click()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    key = first.get_attribute("data-findings").split()[0]
    message = page.locator(f"#{key}-detail .message").inner_text()
    assert message and message in tooltip.inner_text()

    page.locator("#summary th button", has_text="score").click()
    scores = [int(s) for s in page.locator("#summary tbody tr td:nth-child(3)").all_inner_texts()]
    assert scores == sorted(scores)

    page.screenshot(path=str(artifacts / "html-report.png"))
    assert problems == []
    assert all(url.startswith("file://") for url in requests)


def test_site_links_and_evidence_links_reach_highlighted_targets(page, artifacts, tmp_path):
    table = tmp_path / "pages.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "text"])
        writer.writerow(
            [
                "https://clinic.example/ms",
                "Our stem cell therapy reverses multiple sclerosis with no side effects. "
                "FDA-registered lab, so it is FDA approved. "
                "Patients tell us it changed their lives.",
            ]
        )
        writer.writerow(["https://clinic.example/about", "The clinic is open on weekdays."])
    out = tmp_path / "sites.html"
    subprocess.run(
        [sys.executable, "-m", "auditor", "audit", str(table), "-f", "html", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    problems, requests = _watch(page)
    page.goto(out.as_uri())

    worst = page.locator("#sites table.site-pages tbody tr a").first
    target = worst.get_attribute("href")
    worst.click()
    page.wait_for_function("hash => window.location.hash === hash", arg=target)
    assert page.locator(target).is_visible()

    evidence = page.locator(f"{target} table.criteria a[href*='-s']").first
    anchor = evidence.get_attribute("href")[1:]
    evidence.click()
    highlighted = page.locator(f"[data-spans~='{anchor}']")
    assert highlighted.count() > 0
    for index in range(highlighted.count()):
        segment = highlighted.nth(index)
        assert "targeted" in segment.get_attribute("class").split()
        assert segment.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator(".targeted").count() == highlighted.count()

    page.screenshot(path=str(artifacts / "html-report-sites.png"))
    assert problems == []
    assert all(url.startswith("file://") for url in requests)
