"""Reading labelled sentences: our corpus loads; a bad CSV is one coded line naming the file."""

from __future__ import annotations

import pytest

from auditor.errors import AuditorError
from auditor.strength.data import STRENGTH_LABELS, read_strength_data


def test_our_corpus_has_every_label_and_a_stable_hash(corpus):
    assert set(corpus.labels) == set(STRENGTH_LABELS)
    assert len(corpus.sentences) == len(corpus.labels) >= 1500
    assert read_strength_data(corpus.source).sha256 == corpus.sha256


def test_other_column_names_can_be_chosen(tmp_path):
    path = tmp_path / "other.csv"
    rows = ["text,strength", *(f"sentence number {n},{n % 4}" for n in range(8))]
    path.write_text("\n".join(rows), encoding="utf-8")
    data = read_strength_data(path, text_column="text", label_column="strength")
    assert data.sentences[1] == "sentence number 1" and list(data.labels[:4]) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("text,label\nCells cure MS.,3\n", "missing column(s) sentence"),
        ("sentence,label\nA.,0\nB.,1\nC.,2\nD.,7\n", "row 5: label '7' is not one of 0, 1, 2, 3"),
        ("sentence,label\nA.,0\nB.,1\nC.,2\nD.,x\n", "row 5: label 'x'"),
        ("sentence,label\nA.,0\nB.,1\nC.,2\n", "no sentence labelled 3"),
        ("sentence,label\nA.,0\n,1\nC.,2\nD.,3\n", "row 3: empty sentence"),
        ("", "not a readable CSV"),
    ],
)
def test_a_bad_training_file_is_one_coded_line(tmp_path, content, problem):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditorError) as error:
        read_strength_data(path)
    assert error.value.code == "E123"
    assert str(path) in str(error.value) and problem in str(error.value)
    assert "\n" not in str(error.value)
