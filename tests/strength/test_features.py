"""The lexicon features transformer and the stemmer follow scikit-learn's conventions."""

from __future__ import annotations

from sklearn.base import clone

from auditor.strength.features import ClaimStructure, LexiconFeatures, WordStems

CUES = {"hedge": ["may", "appears to"], "causal": ["cures", "reduces"], "negation": ["not"]}


def values(sentence: str) -> dict[str, float]:
    features = LexiconFeatures(cue_lists=CUES).fit([sentence])
    return dict(
        zip(features.get_feature_names_out(), features.transform([sentence])[0], strict=True)
    )


def test_cue_presence_count_and_order():
    hedged = values("Our cells may reduce pain and may help.")
    assert (
        hedged["hedge_present"] == 1.0
        and hedged["hedge_count"] > values("It may.")["hedge_count"] / 2
    )
    assert hedged["causal_present"] == 0.0  # "reduce" is not the listed "reduces": whole words
    direct = values("Our cells cures pain; it does not hurt.")
    assert direct["causal_present"] == 1.0 and direct["hedge_present"] == 0.0
    assert direct["negation_before_causal"] == 0.0
    assert values("It does not reduces pain.")["negation_before_causal"] == 1.0
    assert values("Which cures it?")["question"] == 1.0


def test_matching_is_case_insensitive_and_whole_word():
    assert values("APPEARS TO work")["hedge_present"] == 1.0
    assert values("Mayonnaise cures nothing")["hedge_present"] == 0.0


def test_parameters_round_trip_through_clone_and_one_row_per_sentence():
    features = clone(LexiconFeatures(cue_lists=CUES))
    assert features.get_params() == {"cue_lists": CUES}
    out = features.fit_transform(["a", "b may", "c cures"])
    assert out.shape == (3, len(features.feature_names_))


def test_word_stems_share_inflections():
    stems = WordStems().fit_transform(["Injections reduced pain", "Injection reduces pain"])
    assert stems[0] == stems[1] == "injection reduc pain"


def structure(sentence: str) -> list[str]:
    return ClaimStructure().fit_transform([sentence])[0].split()


def test_claim_structure_tags_the_clause_a_reporting_word_opens():
    hedged = structure("These results suggest that statins may reduce mortality.")
    assert "reporting_main" in hedged and "SUBSTART" in hedged
    assert {"modal_sub", "causal_sub", "reduce_sub"} <= set(hedged)
    assert "may_R_reduce" in hedged and "modal_R_causal" in hedged
    direct = structure("Statins reduced mortality.")
    assert "causal_main" in direct and "SUBSTART" not in direct
    assert "FIRST_causal" in direct and "reduced_L_statins" in direct


def test_claim_structure_orders_classes_and_marks_sentences_without_claim_words():
    tokens = structure("Obesity was associated with asthma, which may increase costs.")
    assert "ORDER_association_modal_causal" in tokens and "FIRST_association" in tokens
    assert "SUBSTART" not in tokens  # "which" after a non-reporting word opens no claim clause
    assert structure("The cohort was followed for ten years.") == ["ORDER_none"]
    assert ClaimStructure().fit_transform([""]) == ["ORDER_none"]
