"""ClaimStructure describes where claim words sit, with the word classes of our lexicon."""

from __future__ import annotations

import pytest
from sklearn.base import clone

from auditor.strength.structure import ClaimStructure, WordClasses


@pytest.fixture(scope="module")
def describe(cues):
    structure = ClaimStructure(
        word_classes=cues.word_classes, neighbour_only=cues.neighbour_only
    ).fit([""])
    return lambda sentence: structure.transform([sentence])[0].split()


def test_claim_structure_tags_the_clause_a_reporting_word_opens(describe):
    hedged = describe("These results suggest that statins may reduce mortality.")
    assert "reporting_main" in hedged and "SUBSTART" in hedged
    assert {"modal_sub", "causal_sub", "reduce_sub", "causal_MODAL_sub"} <= set(hedged)
    assert "may_R_reduce" in hedged and "modal_R_causal" in hedged
    direct = describe("Statins reduced mortality.")
    assert "causal_main" in direct and "SUBSTART" not in direct
    assert "FIRST_causal" in direct and "reduced_L_statins" in direct
    assert not any("MODAL" in token for token in direct)


def test_claim_structure_orders_classes_and_marks_sentences_without_claim_words(describe):
    tokens = describe("Obesity was associated with asthma, which may increase costs.")
    assert "ORDER_association_modal_causal" in tokens and "FIRST_association" in tokens
    assert "SUBSTART" not in tokens  # "which" after a non-reporting word opens no claim clause
    assert describe("The cohort was followed for ten years.") == ["auxiliary_R_w", "ORDER_none"]
    assert describe("") == ["ORDER_none"]


def test_negation_and_neighbour_only_classes(describe):
    tokens = describe("Further trials are needed to show whether it does not reduce pain.")
    assert "causal_NEG_sub" in tokens and "FIRST_need" in tokens
    assert "purpose_R_reporting" in tokens  # "to" names the class of the word after it
    assert "auxiliary_R_negation" in tokens
    assert not any(token.startswith(("purpose_main", "to_", "auxiliary_main")) for token in tokens)


def test_whole_words_win_over_beginnings_and_earlier_classes_over_later():
    classify = WordClasses((("association", ("lower",)), ("causal", ("lower*", "reduc*"))))
    assert classify("lower") == "association"
    assert classify("lowers") == classify("reduction") == "causal"
    assert classify("pain") is None


def test_parameters_round_trip_through_clone(cues):
    structure = ClaimStructure(word_classes=cues.word_classes, neighbour_only=["purpose"])
    assert clone(structure).get_params() == structure.get_params()
    assert ClaimStructure().fit_transform(["Cells may reduce pain."]) == ["ORDER_none"]
