"""``auditor train`` and ``auditor evaluate-strength``: figures printed, errors as one line."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.cli import ExitStatus, main
from auditor.strength.data import default_data_path

FIGURES = ("macro-F1", "per-class F1", "accuracy", "confusion matrix")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

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
