"""The command line: formats, exit statuses, errors as one line, every input accounted for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from auditor.cli import ExitStatus, main

from tests_support import CORPUS

HIGH_RISK = "Our stem cells cure autism and are 100% safe. Book your free quote now!"
CLEAN = "The weather in the harbour was mild today."


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def files(tmp_path):
    (tmp_path / "risky.md").write_text(HIGH_RISK + "\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN + "\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    return tmp_path


def test_text_report_shows_tier_location_rule_and_marked_sentence(run, files):
    result = run("audit", files / "risky.md")
    assert result.exit_code == ExitStatus.OK
    assert "risk" in result.output and "/100" in result.output
    assert "1:" in result.output and "SAFETY-ABSOLUTE" in result.output
    assert "\u00ab100% safe\u00bb" in result.output


def test_json_report_follows_the_contract(run, files, tmp_path):
    out = tmp_path / "report.json"
    result = run("audit", files / "risky.md", files / "clean.txt", "--format", "json", "-o", out)
    assert result.exit_code == ExitStatus.OK
    batch = json.loads(out.read_text(encoding="utf-8"))
    assert {"tool", "generated_at", "documents", "errors"} <= set(batch)
    assert {"name", "version", "lexicon_sha256"} <= set(batch["tool"])
    document = batch["documents"][0]
    assert {
        "id",
        "source",
        "sha256",
        "jurisdiction",
        "risk",
        "document",
        "findings",
        "criteria",
        "profile",
        "missing_disclosures",
    } <= set(document)
    assert {"promotes", "kind", "reasons"} <= set(document["document"])
    assert {"features", "indications", "regulatory_statements"} <= set(document["profile"])
    assert {"score", "tier", "by_category"} <= set(document["risk"])
    finding = document["findings"][0]
    assert {
        "rule_id",
        "category",
        "severity",
        "start",
        "end",
        "text",
        "sentence",
        "context",
        "claim_strength",
        "message",
        "criteria",
        "suggestion",
    } <= set(finding)
    assert {"negated", "hedged", "attributed", "in_disclaimer"} <= set(finding["context"])
    text = (files / "risky.md").read_text(encoding="utf-8")
    assert text[finding["start"] : finding["end"]] == finding["text"]
    criterion = document["criteria"][0]
    assert {"id", "status", "severity", "explanation", "citation", "evidence"} <= set(criterion)


def test_bad_inputs_are_error_records_and_the_batch_goes_on(run, files):
    missing = files / "missing.txt"
    result = run("audit", files, missing, "--format", "jsonl")
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    records = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = sorted(r["kind"] for r in records)
    assert kinds == ["document", "document", "error", "error"]
    sources = {r["source"] for r in records}
    assert str(files / "binary.txt") in sources and str(missing) in sources
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


def test_jurisdiction_option(run):
    result = run("audit", "-", "--jurisdiction", "uk", "--format", "json", input=HIGH_RISK)
    document = json.loads(result.stdout)["documents"][0]
    assert document["jurisdiction"] == "uk"
    assert "UK-CAP-CODE-12-MHRA" in {c["id"] for c in document["criteria"]}
    assert run("audit", "-", "--jurisdiction", "mars", input=CLEAN).exit_code == 2


def test_fail_on(run, files):
    assert run("audit", files / "risky.md", "--fail-on", "high").exit_code == ExitStatus.FINDINGS
    assert run("audit", files / "clean.txt", "--fail-on", "low").exit_code == ExitStatus.OK


def test_stdin(run):
    result = run("audit", "-", "--format", "json", input=HIGH_RISK)
    assert json.loads(result.stdout)["documents"][0]["id"] == "<stdin>"


def test_bad_lexicon_is_a_one_line_configuration_error(run, tmp_path):
    (tmp_path / "bad.yml").write_text("rules:\n  - id: lower-case\n", encoding="utf-8")
    result = run("audit", "-", "--lexicon", tmp_path, input=CLEAN)
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert f"{tmp_path / 'bad.yml'}:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_disable_is_a_configuration_error(run):
    result = run("audit", "-", "--disable", "NO-SUCH-RULE", input=CLEAN)
    assert result.exit_code == ExitStatus.CONFIG_ERROR and "E108" in result.stderr


def test_disable_switches_rules_off(run):
    result = run("audit", "-", "--disable", "safety_absolute", "--format", "json", input=HIGH_RISK)
    categories = {f["category"] for f in json.loads(result.stdout)["documents"][0]["findings"]}
    assert categories and "safety_absolute" not in categories


def test_rules_and_explain(run):
    listing = run("rules", "--category", "safety_absolute").output
    assert "SAFETY-RISK-ELIMINATED" in listing
    explained = run("explain", "SAFETY-RISK-ELIMINATED").output
    for part in ("message:", "rationale:", "suggestion:", "criteria:", "flag examples:"):
        assert part in explained
    assert "21 CFR 1271.10(a)(2)" in run("explain", "US-FDA-HCTP-HOMOLOGOUS-USE").output
    unknown = run("explain", "NOPE-NOPE")
    assert unknown.exit_code == ExitStatus.CONFIG_ERROR and "E109" in unknown.stderr


def test_evaluate_prints_scores_per_category_and_tier_accuracy(run):
    result = run("evaluate", CORPUS)
    assert result.exit_code == ExitStatus.OK
    assert "precision" in result.output and "Tiers: accuracy" in result.output
    assert "safety_absolute" in result.output


@pytest.mark.parametrize("command", ["audit", "rules", "explain", "evaluate"])
def test_every_command_is_documented(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert main.commands[command].help and "Example:" in main.commands[command].help


def test_installed_command_runs_from_any_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", "-", "--format", "json"],
        input=HIGH_RISK,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert json.loads(result.stdout)["documents"][0]["findings"]
