"""A person's path through ``auditor serve``: paste seed 002, press Audit, read the highlights."""

from __future__ import annotations

import re

import pytest

SEED = "002"


@pytest.fixture(scope="module")
def seed_text(seeds) -> str:
    if SEED not in seeds:
        pytest.skip(f"seed {SEED} is not among the seed articles")
    return seeds[SEED]


def test_pasted_seed_is_highlighted_with_tooltips(page, served, seed_text, auditor, artifacts):
    from auditor import Document

    report = auditor.audit(Document.from_text(seed_text))
    [hype] = {f.rule_id for f in report.findings if f.text.lower() == "revolutionizing"}
    message = auditor.lexicon.rule(hype).message

    page.goto(served + "/")
    page.fill("textarea[name=text]", seed_text)
    page.click("button#audit")
    page.wait_for_selector("pre.doc-text mark.hl")

    revolution = page.locator("mark.hl", has_text=re.compile("revolutionizing", re.I))
    free_quote = page.locator("mark.hl", has_text="free quote")
    assert revolution.count() >= 1 and free_quote.count() >= 1

    tooltip = page.locator("#tooltip")
    assert tooltip.is_hidden()
    revolution.first.hover()
    tooltip.wait_for(state="visible")
    assert message in tooltip.inner_text()
    assert revolution.first.get_attribute("aria-describedby") == "tooltip"
    page.screenshot(path=str(artifacts / "serve-seed-002.png"), full_page=False)

    free_quote.first.focus()
    quote_rules = {f.rule_id for f in report.findings if "free quote" in f.text.lower()}
    shown = tooltip.inner_text()
    assert any(auditor.lexicon.rule(rule).message in shown for rule in quote_rules)
