"""Where a sentence's claim words sit, as tokens for a bag-of-tokens vectoriser.

Yu et al.'s grades hinge on the main claim's verb: "results suggest that X reduces Y" is a
hedged causal claim, "X is associated with Y" correlational even when hedged, "further trials
are needed to reduce Y" states no finding. The word classes (modal, association, reporting,
negation, causal, ...) are lexicon data (lexicons/strength/claim_words.yml), passed in as a
constructor parameter so a saved model holds the exact classes it was trained with.

In the benchmark's Yu 2019 5-fold CV (all features, fixed-C SVM, C=0.3) the view took
macro-F1 from 0.745 to 0.778 with the modal, association, reporting, negation and causal
classes; adding the need class gave 0.784, need and purpose 0.783 (0.785 with purpose
neighbour-only), plus a neighbour-only auxiliary class 0.789, plus the modal and negation
marks 0.790. A comparison class (than, versus, differ) scored 0.773 and was left out; so were
limitation words (0.789), a class of efficacy adjectives (0.792) and the suffix of each claim
word (0.788): within noise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from auditor.strength.stateless import StatelessTransformer

CLAIM_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
CLAUSE_OPENERS = frozenset({"that", "whether", "which"})
REPORTING = "reporting"
"""The class after which a clause opener starts the reported claim ("suggest that ...")."""
QUALIFIED = {"causal", "association"}
"""Classes of the words a claim turns on: a modal or a negation shortly before them is marked."""
QUALIFIERS = {"modal": "MODAL", "negation": "NEG"}
QUALIFIER_WINDOW = 3
"""Words before a qualified word searched for a qualifier ("may not significantly reduce")."""


MEMO_SIZE = 2**17
"""Words whose class a :class:`WordClasses` remembers (a MB of clinic text has a few thousand
distinct words)."""


class WordClasses:
    """Classify lower-case words: whole words first, in class order, then word beginnings
    (entries ending in ``*``), in class order. Results are memoised."""

    def __init__(self, classes: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.whole: dict[str, str] = {}
        self.beginnings: list[tuple[str, str]] = []
        for name, words in classes:
            for word in words:
                if word.endswith("*"):
                    self.beginnings.append((word[:-1], name))
                else:
                    self.whole.setdefault(word, name)
        self.classify = lru_cache(maxsize=MEMO_SIZE)(self._classify)

    def __call__(self, word: str) -> str | None:
        return self.classify(word)

    def _classify(self, word: str) -> str | None:
        return self.whole.get(word) or next(
            (name for start, name in self.beginnings if word.startswith(start)), None
        )


@lru_cache(maxsize=8)
def word_classes(classes: tuple[tuple[str, tuple[str, ...]], ...]) -> WordClasses:
    """One memoising classifier per set of classes, shared by every batch graded."""
    return WordClasses(classes)


class ClaimStructure(StatelessTransformer):
    """Rewrite each sentence as tokens describing where its claim words sit.

    Per claim word: its class and the word itself tagged main clause or the clause a reporting
    word opens ("suggest that ..."), its neighbours and its neighbours' classes, and whether a
    modal or a negation comes shortly before a causal or association word; per sentence: the
    order of the classes (bigrams, trigrams, the first four, the first one). Words of a
    ``neighbour_only`` class ("to", "was") only name the class of the word after them.

    Parameters
    ----------
    word_classes : mapping of class name (lower case) to its words, in priority order; an
        entry ending in ``*`` is a word beginning.
    neighbour_only : names of classes whose words are context, not claim words.

    Examples
    --------
    >>> classes = {"modal": ["may"], "reporting": ["suggest"], "causal": ["reduc*"]}
    >>> structure = ClaimStructure(word_classes=classes)
    >>> structure.fit_transform(["Data suggest it may reduce pain."])[0].split()[:3]
    ['reporting_main', 'suggest_main', 'suggest_L_data']
    """

    def __init__(
        self,
        *,
        word_classes: Mapping[str, Sequence[str]] | None = None,
        neighbour_only: Sequence[str] = (),
    ) -> None:
        self.word_classes = word_classes
        self.neighbour_only = neighbour_only

    def transform(self, X: Iterable[str]) -> list[str]:
        classes = self.word_classes or {}
        classify = word_classes(tuple((name, tuple(words)) for name, words in classes.items()))
        context = frozenset(self.neighbour_only)
        return [self._describe(text, classify, context) for text in X]

    @staticmethod
    def _describe(text: str, classify: WordClasses, context: frozenset[str]) -> str:
        words = CLAIM_WORD.findall(text.lower())
        classes = [classify(word) for word in words]
        tokens: list[str] = []
        order: list[str] = []
        clause = "main"
        for i, (word, kind) in enumerate(zip(words, classes, strict=True)):
            previous = words[i - 1] if i else "BOS"
            if (
                word in CLAUSE_OPENERS
                and i
                and (classes[i - 1] == REPORTING or previous == "conclusion")
            ):
                clause = "sub"
                tokens.append("SUBSTART")
            if kind is None:
                continue
            right = (classes[i + 1] if i + 1 < len(words) else None) or "w"
            if kind in context:
                tokens.append(f"{kind}_R_{right}")
                continue
            following = words[i + 1] if i + 1 < len(words) else "EOS"
            left = (classes[i - 1] if i else None) or "w"
            tokens += [f"{kind}_{clause}", f"{word}_{clause}"]
            tokens += [f"{word}_L_{previous}", f"{word}_R_{following}"]
            tokens += [f"{kind}_L_{left}", f"{kind}_R_{right}"]
            if kind in QUALIFIED:
                window = classes[max(0, i - QUALIFIER_WINDOW) : i]
                tokens += [f"{kind}_{tag}_{clause}" for q, tag in QUALIFIERS.items() if q in window]
            if not order or order[-1] != kind:
                order.append(kind)
        tokens += [f"ORDER_{a}_{b}" for a, b in itertools.pairwise(order)]
        triples = zip(order, order[1:], order[2:], strict=False)
        tokens += [f"ORDER_{a}_{b}_{c}" for a, b, c in triples]
        tokens.append("ORDER_" + ("_".join(order[:4]) or "none"))
        if order:
            tokens.append(f"FIRST_{order[0]}")
        return " ".join(tokens)
