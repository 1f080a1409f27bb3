"""The command line: formats, exit statuses, errors as one line, every input accounted for."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
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
    """A folder of inputs; outputs go beside it, not into it."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "risky.md").write_text(HIGH_RISK + "\n", encoding="utf-8")
    (folder / "clean.txt").write_text(CLEAN + "\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    return folder


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
    menu = run("explain", "INDICATION-MENU-LIST").output.splitlines()
    heading = menu.index("  + Conditions we treat")  # a multi-line example, indented under its mark
    assert menu[heading + 1 : heading + 4] == [
        "",
        "    - Multiple sclerosis",
        "    - Parkinson's disease",
    ]
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


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["kind"], r.get("id") or r["source"]))


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_jsonl_and_summary_table(run, files, tmp_path, suffix):
    out, summary = tmp_path / "out.jsonl", tmp_path / f"summary{suffix}"
    result = run("audit", files, "--format", "jsonl", "-o", out, "--summary", summary)
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    records = read_jsonl(out)
    assert sorted(r["kind"] for r in records) == ["document", "document", "error"]
    frame = pd.read_parquet(summary) if suffix == ".parquet" else pd.read_csv(summary)
    assert len(frame) == 3 and list(frame["kind"]) == ["document", "document", "error"]
    scores = {r["id"]: r["risk"]["score"] for r in records if r["kind"] == "document"}
    assert dict(zip(frame["id"][:2], frame["score"][:2], strict=True)) == scores
    assert result.stderr.strip() == next(r["error"] for r in records if r["kind"] == "error")


def test_option_combinations_that_cannot_work_are_usage_errors(run, files, tmp_path):
    bad_summary = run("audit", files, "--summary", tmp_path / "summary.xlsx")
    assert bad_summary.exit_code == ExitStatus.CONFIG_ERROR and ".parquet" in bad_summary.stderr
    no_file = run("audit", files, "--format", "jsonl", "--resume")
    assert no_file.exit_code == ExitStatus.CONFIG_ERROR and "-o FILE" in no_file.stderr
    not_jsonl = run("audit", files, "--format", "json", "-o", tmp_path / "r.json", "--resume")
    assert not_jsonl.exit_code == ExitStatus.CONFIG_ERROR


def test_resume_adds_only_new_inputs_and_counts_earlier_records(run, files, tmp_path):
    out = tmp_path / "out.jsonl"
    first = run("audit", files / "risky.md", "--format", "jsonl", "-o", out, "--resume")
    assert first.exit_code == ExitStatus.OK
    written = out.read_text(encoding="utf-8")
    second = run(
        "audit",
        files / "risky.md",
        files / "clean.txt",
        "--format",
        "jsonl",
        "-o",
        out,
        "--resume",
        "--fail-on",
        "high",
    )
    assert second.exit_code == ExitStatus.FINDINGS  # the risky page, audited by the first run
    assert out.read_text(encoding="utf-8").startswith(written)
    assert [r["id"] for r in read_jsonl(out)] == [str(files / "risky.md"), str(files / "clean.txt")]
    third = run("audit", files, "--format", "jsonl", "-o", out, "--resume")
    assert third.exit_code == ExitStatus.INPUT_ERRORS  # binary.txt, recorded once
    assert sorted(r["kind"] for r in read_jsonl(out)) == ["document", "document", "error"]
    again = run("audit", files, "--format", "jsonl", "-o", out, "--resume")
    assert len(read_jsonl(out)) == 3 and again.exit_code == ExitStatus.INPUT_ERRORS


def test_resume_refuses_an_output_of_other_settings(run, files, tmp_path):
    out = tmp_path / "out.jsonl"
    run("audit", files / "risky.md", "--format", "jsonl", "-o", out)
    result = run(
        "audit",
        files / "risky.md",
        "--format",
        "jsonl",
        "-o",
        out,
        "--resume",
        "--jurisdiction",
        "eu",
    )
    assert result.exit_code == ExitStatus.CONFIG_ERROR and "E114" in result.stderr


def test_dask_engine_gives_the_records_of_the_default_engine(run, tmp_path):
    default, dask = tmp_path / "default.jsonl", tmp_path / "dask.jsonl"
    docs = CORPUS / "docs"
    assert run("audit", docs, "--format", "jsonl", "-o", default).exit_code == ExitStatus.OK
    result = run("audit", docs, "--format", "jsonl", "-o", dask, "--engine", "dask", "--workers", 2)
    assert result.exit_code == ExitStatus.OK
    assert by_id(read_jsonl(dask)) == by_id(read_jsonl(default))
    assert len(read_jsonl(dask)) == len(list(docs.iterdir()))


BATCH_INPUTS = 300


def _corpus_copies(tmp_path: Path) -> Path:
    """A folder of BATCH_INPUTS distinct documents made from the corpus, for interrupted runs."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "docs").iterdir())]
    folder = tmp_path / "docs"
    folder.mkdir()
    for k in range(BATCH_INPUTS):
        (folder / f"{k:04d}.md").write_text(f"Copy {k}.\n{texts[k % len(texts)]}", encoding="utf-8")
    return folder


def _stop_part_way(command: list[str], out: Path, stop: Callable[[int], None]) -> tuple[int, str]:
    """Run ``command`` in a session of its own, call ``stop(pid)`` once ``out`` holds 20
    lines, and return its exit status and stderr (workers it leaves are killed after)."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.02)
        stop(process.pid)
        process.wait(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    with process.stderr:
        return process.returncode, process.stderr.read()


def test_a_killed_run_resumes_without_losing_or_repeating_a_record(tmp_path):
    """SIGKILL a run part-way, cut its last line in half as a kill mid-write would, resume it:
    every input appears exactly once and the records equal those of a clean run."""
    folder = _corpus_copies(tmp_path)
    out, clean = tmp_path / "out.jsonl", tmp_path / "clean.jsonl"
    command = [sys.executable, "-m", "auditor", "audit", str(folder), "--format", "jsonl"]

    status, _ = _stop_part_way(
        [*command, "-o", str(out), "--resume"], out, lambda pid: os.kill(pid, signal.SIGKILL)
    )
    assert status == -signal.SIGKILL
    before = out.read_bytes()
    lines_before = before.count(b"\n")
    assert 20 <= lines_before < BATCH_INPUTS
    with out.open("ab") as handle:
        handle.write(before.splitlines()[0][:200])

    resumed = subprocess.run([*command, "-o", str(out), "--resume"], capture_output=True, text=True)
    assert resumed.returncode == ExitStatus.OK, resumed.stderr
    subprocess.run([*command, "-o", str(clean)], check=True, capture_output=True)

    assert out.read_bytes().startswith(before)
    records = read_jsonl(out)
    assert len(records) == BATCH_INPUTS
    assert sorted(r["id"] for r in records) == sorted(str(p) for p in folder.iterdir())
    assert by_id(records) == by_id(read_jsonl(clean))


def test_ctrl_c_stops_with_status_130_one_line_and_whole_records(tmp_path):
    """SIGINT to the process group, as Ctrl-C sends it, part-way through a pooled run: exit
    status 130, one line on stderr and no traceback, every record written is whole, and
    ``--resume`` finishes the batch."""
    folder = _corpus_copies(tmp_path)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "auditor", "audit", str(folder), "-f", "jsonl", "-o", str(out)]
    status, stderr = _stop_part_way(
        [*command, "--workers", "2"], out, lambda pid: os.killpg(pid, signal.SIGINT)
    )
    assert status == ExitStatus.INTERRUPTED
    assert stderr.strip().splitlines() == ["auditor: interrupted"]
    assert 20 <= len(read_jsonl(out)) < BATCH_INPUTS
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert resumed.returncode == ExitStatus.OK, resumed.stderr
    assert sorted(r["id"] for r in read_jsonl(out)) == sorted(str(p) for p in folder.iterdir())


def test_unrelated_pages_are_not_relevant_unless_all_pages(run, tmp_path):
    page = tmp_path / "bakery.txt"
    page.write_text("Our bakery is 100% safe for everyone. Book your free quote now!\n")
    out = tmp_path / "out.jsonl"
    assert run("audit", page, "-f", "jsonl", "-o", out).exit_code == ExitStatus.OK
    (gated,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert gated["relevant"] is False and gated["findings"] == []
    assert run("audit", page, "-f", "jsonl", "-o", out, "--all-pages").exit_code == 0
    (audited,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert audited["relevant"] is True
    assert {f["category"] for f in audited["findings"]} >= {"safety_absolute"}


def test_sites_file_summarises_pages_per_host(run, tmp_path):
    table = pd.DataFrame(
        {
            "url": ["https://clinic.example/a", "https://clinic.example/b", "https://b.example/"],
            "text": [HIGH_RISK, "Our stem cells reverse MS.", "We explain stem cell trials."],
        }
    )
    pages = tmp_path / "pages.csv"
    table.to_csv(pages, index=False)
    sites = tmp_path / "sites.json"
    result = run("audit", pages, "-f", "jsonl", "-o", tmp_path / "out.jsonl", "--sites", sites)
    assert result.exit_code == ExitStatus.OK
    views = {view["host"]: view for view in json.loads(sites.read_text())}
    assert set(views) == {"clinic.example", "b.example"}
    assert len(views["clinic.example"]["worst_pages"]) == 2
