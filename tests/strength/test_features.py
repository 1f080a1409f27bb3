"""The lexicon features transformer finds cues as whole words and follows scikit-learn's
conventions."""

from __future__ import annotations

import math

from sklearn.base import clone

from auditor.strength.features import LexiconFeatures

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


def test_the_longest_cue_of_a_list_wins_and_lists_match_independently():
    cues = {"negation": ["not", "is not"], "hedge": ["may", "may not"]}
    features = LexiconFeatures(cue_lists=cues).fit([""])
    text = "It is not; may not."
    row = dict(zip(features.feature_names_, features.transform([text])[0], strict=True))
    assert row["negation_count"] == math.log1p(2)  # "is not", then the "not" of "may not"
    assert row["hedge_count"] == math.log1p(1)  # "may not" once, never "may" inside it
    assert row["negation_first"] == 1 - text.index("is not") / len(text)
    assert row["hedge_first"] == 1 - text.index("may not") / len(text)
    assert (
        LexiconFeatures(cue_lists={"negation": ["n't"]}).fit([""]).transform(["don't"])[0][0] == 0
    )
