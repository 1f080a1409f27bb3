"""The gold corpus is well-formed: spans slice exactly, labels come from the known sets."""

from __future__ import annotations

from auditor.lexicon import load_lexicons

from tests_support import CORPUS, corpus_records

KINDS = {
    "clinic_page",
    "explainer",
    "news",
    "regulator_letter",
    "trial_recruitment",
    "research_summary",
    "brochure",
    "broker",
}
STATUSES = {"flag", "possible", "clear", "not_applicable"}
CONTEXT = {"negated", "hedged", "attributed", "in_disclaimer"}


def test_records_are_valid():
    records = corpus_records()
    lexicon = load_lexicons()
    categories = set(lexicon.categories)
    assert len(records) >= 12
    assert {"clinic_page", "explainer", "news", "regulator_letter"} <= {r["kind"] for r in records}
    for record in records:
        text = (CORPUS / record["doc"]).read_text(encoding="utf-8")
        assert record["kind"] in KINDS and record["tier"] in {"low", "medium", "high"}
        assert record["split"] in {"dev", "test"}
        for span in record["spans"]:
            assert text[span["start"] : span["end"]] == span["text"], (record["doc"], span)
            assert span["category"] in categories, span
            assert set(span) - {"start", "end", "category", "text"} <= CONTEXT
        for criterion, status in record.get("criteria", {}).items():
            assert criterion in lexicon.criteria and status in STATUSES
