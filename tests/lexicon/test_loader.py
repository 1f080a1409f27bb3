"""Lexicon loading: schema errors carry path:line, references are checked, ids are unique."""

from __future__ import annotations

import textwrap

import pytest

from auditor import Auditor, Document
from auditor.errors import AuditorError, LexiconError
from auditor.lexicon import builtin_lexicon_dir, load_lexicons

GOOD_RULE = """\
rules:
  - id: TEST-WONDER-JELLY
    category: hype_superlative
    severity: medium
    message: Wonder-jelly hype.
    rationale: Invented for the test suite.
    criteria: [US-FTC-SUBSTANTIATION]
    suggestion: Describe the product plainly.
    patterns:
      - phrase: wonder jelly
    examples:
      flag: [Try our wonder jelly today.]
      pass: [Jelly is a dessert.]
"""


def write(tmp_path, name, text):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def problems(tmp_path):
    with pytest.raises(LexiconError) as caught:
        load_lexicons([tmp_path])
    return caught.value


def test_builtin_lexicons_load_and_have_a_fingerprint():
    lexicon = load_lexicons()
    assert lexicon.rules and lexicon.criteria and lexicon.term_sets
    assert len(lexicon.sha256) == 64
    assert builtin_lexicon_dir().joinpath("claims").is_dir()


def test_bad_severity_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD_RULE.replace("severity: medium", "severity: severe"))
    error = problems(tmp_path)
    assert error.code == "E102"
    line = error.lines[0]
    assert f"{tmp_path / 'bad.yml'}:4:" in line
    assert "TEST-WONDER-JELLY" in line and "severity" in line


def test_all_problems_are_reported_together(tmp_path):
    text = GOOD_RULE.replace("severity: medium", "severity: severe").replace(
        "message: Wonder-jelly hype.", "mesage: typo"
    )
    write(tmp_path, "bad.yml", text)
    assert len(problems(tmp_path).lines) >= 3  # bad severity, unknown key, missing message


def test_yaml_syntax_error_has_a_line(tmp_path):
    write(tmp_path, "broken.yml", "rules:\n  - id: [unclosed\n")
    error = problems(tmp_path)
    assert error.code == "E101"
    assert f"{tmp_path / 'broken.yml'}:" in error.lines[0]


def test_yaml_boolean_trap_is_caught(tmp_path):
    write(
        tmp_path,
        "cues.yml",
        """\
        context:
          - kind: negated
            description: test
            cues: [no]
            examples: {flag: [x], pass: [y]}
        """,
    )
    error = problems(tmp_path)
    assert error.code == "E102" and "got False" in error.lines[0] and "quote" in error.lines[0]


def test_duplicate_id_points_at_first_definition(tmp_path):
    write(tmp_path, "a.yml", GOOD_RULE)
    write(tmp_path, "b.yml", GOOD_RULE)
    error = problems(tmp_path)
    assert error.code == "E103"
    assert "a.yml:2" in error.lines[0] and "b.yml:2" in error.lines[0]


def test_unknown_criterion_and_term_set_are_errors(tmp_path):
    text = (
        GOOD_RULE.replace("[US-FTC-SUBSTANTIATION]", "[US-NOPE-CRITERION]")
        .replace("      - phrase: wonder jelly", "      - tokens: [{TERM: NOPE}]")
        .replace(
            "    patterns:",
            "    extends_over: NOPE_EITHER\n    excluded_by: [NOPE_TOO]\n    patterns:",
        )
    )
    write(tmp_path, "refs.yml", text)
    lines = problems(tmp_path).lines
    assert [line[:6] for line in lines].count("[E104]") == 4
    assert any("extends_over" in line and "NOPE_EITHER" in line for line in lines)
    assert any("excluded_by" in line and "NOPE_TOO" in line for line in lines)


def test_invalid_spacy_pattern_is_reported(tmp_path):
    write(tmp_path, "pat.yml", GOOD_RULE.replace("phrase: wonder jelly", "tokens: [{LEMA: x}]"))
    assert problems(tmp_path).code == "E105"


def test_user_rule_flags_text(tmp_path):
    write(tmp_path, "user.yml", GOOD_RULE)
    auditor = Auditor(lexicon_dirs=[tmp_path])
    report = auditor.audit(Document.from_text("Our wonder jelly restores youth."))
    assert "TEST-WONDER-JELLY" in {f.rule_id for f in report.findings}
    assert auditor.lexicon.sha256 != load_lexicons().sha256


def test_disable_by_id_and_by_category():
    everything = load_lexicons()
    rule = everything.rules[0]
    by_id = load_lexicons(disable=[rule.id])
    assert rule.id not in {r.id for r in by_id.rules}
    by_category = load_lexicons(disable=[rule.category])
    assert rule.category not in {r.category for r in by_category.rules}
    assert by_id.sha256 != everything.sha256


def test_disable_unknown_name_is_a_configuration_error():
    with pytest.raises(AuditorError) as caught:
        load_lexicons(disable=["NO-SUCH-RULE"])
    assert caught.value.code == "E108"


def test_missing_lexicon_folder(tmp_path):
    with pytest.raises(AuditorError) as caught:
        load_lexicons([tmp_path / "absent"])
    assert caught.value.code == "E106"


CLAIM_WORDS = """\
claim_word_classes:
  - id: HOPE
    description: Words of hope.
    source: the test suite
    neighbour_only: true
    words: [hope, hoped, hopeful*]
"""


def test_claim_word_classes_load_after_the_builtin_ones_and_bad_words_are_errors(tmp_path):
    lexicon = load_lexicons([write(tmp_path, "words.yml", CLAIM_WORDS)])
    names = list(lexicon.claim_word_classes)
    assert names[0] == "MODAL" and names[-1] == "HOPE"  # file order: built-in folder first
    hope = lexicon.claim_word_classes["HOPE"]
    assert hope.neighbour_only and hope.words == ["hope", "hoped", "hopeful*"]
    write(tmp_path, "words.yml", CLAIM_WORDS.replace("hoped,", "Two words,"))
    message = str(problems(tmp_path))
    assert "words.yml:6" in message and "(HOPE).words[1]" in message


def test_a_list_heading_rule_must_name_its_term_set(tmp_path):
    write(
        tmp_path,
        "menu.yml",
        GOOD_RULE.replace("    patterns:", "    introduces_list: true\n    patterns:"),
    )
    error = problems(tmp_path)
    assert error.code == "E102" and "extends_over" in error.lines[0]
