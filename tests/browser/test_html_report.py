"""An HTML report opened from disk in Chromium: highlights, tooltips, sorting, no errors."""

from __future__ import annotations

import subprocess
import sys

from tests_support import CORPUS


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
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

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
