"""``auditor train`` and ``auditor evaluate-strength``: the claim-strength model."""

from __future__ import annotations

import time
from pathlib import Path

import click

DATA_OPTION = click.option(
    "--data",
    "data_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    metavar="CSV",
    help="Sentences labelled 0-3 (corpus/strength/sentences.csv); see the column options.",
)
TEXT_COLUMN_OPTION = click.option(
    "--text-column",
    default="sentence",
    show_default=True,
    help="The CSV column holding the sentences.",
)
LABEL_COLUMN_OPTION = click.option(
    "--label-column",
    default="label",
    show_default=True,
    help="The CSV column holding the 0-3 labels (a public dataset may call it `strength`).",
)
SEED_OPTION = click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed for every split."
)
ENCODER_OPTION = click.option(
    "--encoder",
    is_flag=True,
    help="Add the fine-tuned sentence encoder to the model (more accurate, far slower; needs "
    "pip install 'auditor[encoder]'; training takes minutes).",
)


@click.command()
@DATA_OPTION
@TEXT_COLUMN_OPTION
@LABEL_COLUMN_OPTION
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="MODEL",
    help="Where to write the model (a zip of skops model and metadata; never pickle).",
)
@SEED_OPTION
@ENCODER_OPTION
def train(data_path, text_column, label_column, out, seed, encoder) -> None:
    """Train the claim-strength model on a labelled CSV and save it.

    The default model is this command on corpus/strength/sentences.csv with seed 0: the same
    data and seed give the same predictions. The figures printed are on the training data
    itself; `auditor evaluate-strength --cv 5` gives held-out ones.

    Example: auditor train --data corpus/strength/sentences.csv --out strength.zip

    Example: auditor train --data corpus/strength/sentences.csv --encoder --out encoder.zip
    """
    from auditor.lexicon import load_lexicons
    from auditor.strength.data import read_strength_data
    from auditor.strength.evaluation import evaluate_model, render_scores
    from auditor.strength.model import strength_cues, train_model
    from auditor.strength.persistence import save_model

    data = read_strength_data(data_path, text_column=text_column, label_column=label_column)
    cues = strength_cues(load_lexicons())
    started = time.perf_counter()
    model = train_model(data, cues, seed=seed, encoder=encoder)
    seconds = time.perf_counter() - started
    save_model(model, out)
    meta = model.metadata
    libraries = f"scikit-learn {meta.sklearn}, skops {meta.skops}"
    if meta.torch:
        libraries += f", torch {meta.torch}, transformers {meta.transformers}"
    click.echo(
        f"wrote {out}: {meta.architecture} model, {meta.data_rows:,} sentences (sha256 "
        f"{meta.data_sha256[:12]}), seed {meta.seed}, {libraries}; trained in {seconds:.1f} s"
    )
    scores = evaluate_model(model, data)
    click.echo(render_scores(scores, "fit on the training data (not held out)"))


@click.command("evaluate-strength")
@DATA_OPTION
@TEXT_COLUMN_OPTION
@LABEL_COLUMN_OPTION
@click.option(
    "--cv",
    "folds",
    type=click.IntRange(min=2),
    default=5,
    show_default=True,
    help="Folds of stratified cross-validation of the model architecture.",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="MODEL",
    help="Score this saved model on the data instead of cross-validating.",
)
@SEED_OPTION
@ENCODER_OPTION
def evaluate_strength(
    data_path, text_column, label_column, folds, model_path, seed, encoder
) -> None:
    """Print macro-F1, per-class F1, accuracy and the confusion matrix of claim-strength grades.

    Without --model: k-fold cross-validation of the model architecture on the data (each
    sentence graded by a model that never saw it; with --encoder, the architecture with the
    fine-tuned encoder). With --model: that model on the data.

    Example: auditor evaluate-strength --data corpus/strength/sentences.csv --cv 5

    Example: auditor evaluate-strength --data yu2019.csv --text-column text --label-column strength
    """
    from auditor.lexicon import load_lexicons
    from auditor.strength.data import read_strength_data
    from auditor.strength.evaluation import cross_validate, evaluate_model, render_scores
    from auditor.strength.model import LINEAR, WITH_ENCODER, strength_cues
    from auditor.strength.persistence import load_model

    if encoder and model_path is not None:
        raise click.UsageError("--encoder cross-validates an architecture: give it without --model")
    data = read_strength_data(data_path, text_column=text_column, label_column=label_column)
    if model_path is not None:
        scores = evaluate_model(load_model(model_path), data)
        title = f"{model_path} on {data_path}"
    else:
        cues = strength_cues(load_lexicons())
        scores = cross_validate(data, cues, folds=folds, seed=seed, encoder=encoder)
        architecture = WITH_ENCODER if encoder else LINEAR
        title = f"{folds}-fold cross-validation, {architecture} model, on {data_path} (seed {seed})"
    click.echo(render_scores(scores, title))
