"""The pre-scan gate only saves work: findings are identical with and without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import Auditor, Document
from auditor.pipeline.gate import MIN_GAP

from tests_support import corpus_documents

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ungated() -> Auditor:
    return Auditor(gate=False)


def keys(report):
    return [(f.rule_id, f.start, f.end, f.context, f.sentence_start) for f in report.findings]


def test_gate_changes_no_finding_on_the_corpus_and_seeds(auditor, ungated, seeds):
    documents = corpus_documents() + [Document.from_text(t, id=k) for k, t in seeds.items()]
    gated = list(auditor.audit_documents(documents))
    full = list(ungated.audit_documents(documents))
    assert [keys(r) for r in gated] == [keys(r) for r in full]
    assert sum(len(r.findings) for r in full) > 100


def test_gate_skips_lines_without_anchors(auditor):
    text = "Lorem ipsum.\nDolor sit amet.\nOur cells are 100% safe.\nVale.\nLorem ipsum."
    chunks = auditor.gate.chunks(text)
    assert [chunk for _, chunk in chunks] == ["Our cells are 100% safe.\nVale."]
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)


def test_document_without_candidates_still_gets_a_report(auditor):
    report = auditor.audit(Document.from_text("Lorem ipsum dolor.", id="lorem"))
    assert auditor.gate.chunks("Lorem ipsum dolor.") == []
    assert report.id == "lorem" and report.findings == [] and report.risk.score == 0


def test_short_gaps_join_chunks_and_long_gaps_split_them(auditor):
    claim = "Our cells are 100% safe."
    filler = "Lorem ipsum dolor sit amet."
    short_gap = "\n".join([claim, "Vale.", filler, claim])
    assert len(filler) < MIN_GAP
    assert [offset for offset, _ in auditor.gate.chunks(short_gap)] == [0]
    long_gap = "\n".join([claim, "Vale.", *[filler] * (MIN_GAP // len(filler) + 1), claim])
    chunks = auditor.gate.chunks(long_gap)
    assert [chunk for _, chunk in chunks] == [f"{claim}\nVale.", claim]
    assert all(long_gap[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)


def test_a_list_below_a_kept_line_stays_whole(auditor, ungated):
    filler = "- Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    text = "\n".join(["Conditions we treat", "", *[filler] * 6, "- Multiple sclerosis", "Vale."])
    assert len(filler) * 6 > MIN_GAP
    (chunk,) = auditor.gate.chunks(text)
    assert chunk == (0, text)  # without the rule: two chunks, the gap is longer than MIN_GAP
    gated, full = (a.audit(Document.from_text(text)) for a in (auditor, ungated))
    assert keys(gated) == keys(full)
    assert [f.text for f in gated.findings] == ["Multiple sclerosis"]


@pytest.mark.parametrize("product", ["stem cell", "massage"])
def test_a_list_item_is_sent_with_its_lead_in(auditor, ungated, product):
    lead = f"Our {product} program pairs a series of sessions with a nutrition plan designed here."
    filler = "- Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    items = [*[filler] * 6, "- Restore sensation"]
    text = "\n".join([lead, "", "WHAT YOU CAN EXPECT", *items, "Vale."])
    assert len(filler) * 6 > MIN_GAP
    (chunk,) = auditor.gate.chunks(text)
    assert chunk[1].startswith(lead)  # without the lead-in: one chunk from the last item on
    gated, full = (a.audit(Document.from_text(text)) for a in (auditor, ungated))
    assert keys(gated) == keys(full)
    expected = ["CURE-REPAIR-RESTORE"] if product == "stem cell" else []
    assert [f.rule_id for f in gated.findings] == expected


def test_a_caption_is_sent_with_the_quotation_below_it(auditor, ungated):
    story = '"' + " ".join(["We walked the dog to the lake every evening that summer."] * 6) + '"'
    text = "\n".join(["**Delphine R., 58 · knee arthritis**", "★★★★★", "", story])
    assert len(story) > MIN_GAP
    (chunk,) = auditor.gate.chunks(text)
    assert chunk[1].endswith(story)  # without the story: the caption and the rating only
    gated, full = (a.audit(Document.from_text(text)) for a in (auditor, ungated))
    assert keys(gated) == keys(full)
    quote = next(f for f in gated.findings if f.rule_id == "TESTIMONIAL-ATTRIBUTED-QUOTE")
    assert quote.text.endswith(story)
