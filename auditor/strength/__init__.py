"""Claim strength: grade a claim sentence 0-3 (0 no relationship, 1 correlational, 2 hedged or
conditional causal, 3 direct causal) with a scikit-learn model trained on our own corpus
(corpus/strength/). Marketing copy turns "may help" into "reverses"; the grade lets the score
weigh a direct causal efficacy claim above a hedged one.

Modules: ``data`` (labelled CSV), ``features`` (lexicon cue features), ``structure`` (where
claim words sit), ``ngrams`` (cached hashed n-gram counts), ``model`` (the Pipeline, training,
grading), ``persistence`` (skops files with metadata, no pickle), ``default`` (the
cached default model), ``evaluation`` (cross-validation and metrics), ``grading`` (findings),
``stateless`` (the base of the transformers that learn nothing), ``encoder`` (the opt-in
fine-tuned sentence encoder, needing the ``encoder`` extra).
Import from those modules: the package itself imports nothing, so reading ``data`` (the grade
names a report shows) does not load scikit-learn and skops.
"""
