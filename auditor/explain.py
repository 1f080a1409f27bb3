"""What ``auditor explain ID`` prints, for a rule or a criterion (one text, every renderer)."""

from __future__ import annotations

import textwrap

from auditor.errors import AuditorError
from auditor.lexicon import Lexicon

WIDTH = 88


def explain(lexicon: Lexicon, item_id: str) -> str:
    """Plain-text explanation of a rule or criterion; raises ``E109`` for an unknown id."""
    item_id = item_id.strip().upper()
    rule = lexicon.rule(item_id)
    if rule is not None:
        lines = [
            f"{rule.id}  ({rule.category}, {rule.severity.value})",
            f"defined at {lexicon.sources.get(rule.id, '?')}",
            "",
            _wrap("message", rule.message),
            _wrap("rationale", rule.rationale),
            _wrap("suggestion", rule.suggestion),
            "criteria:",
            *[
                f"  {cid}: {lexicon.criteria[cid].title} ({lexicon.criteria[cid].citation})"
                for cid in rule.criteria
            ],
            "flag examples:",
            *[_example("+", s) for s in rule.examples.flag],
            "pass examples:",
            *[_example("-", s) for s in rule.examples.pass_],
        ]
        return "\n".join(lines)
    criterion = lexicon.criteria.get(item_id)
    if criterion is not None:
        citing = [r.id for r in lexicon.rules if criterion.id in r.criteria]
        lines = [
            f"{criterion.id}  ({criterion.jurisdiction}, {criterion.severity.value})",
            criterion.title,
            "",
            _wrap("summary", criterion.summary),
            _wrap("citation", criterion.citation),
            *([f"source: {criterion.url}"] if criterion.url else []),
            _wrap("rules citing it", ", ".join(citing) or "(none)"),
            "",
            "The report says a text is consistent with this criterion; it makes no legal finding.",
        ]
        return "\n".join(lines)
    raise AuditorError("E109", name=item_id)


def _example(mark: str, text: str) -> str:
    """An example, its later lines (a heading and its list) indented under the first."""
    first, *rest = text.splitlines()
    return "\n".join([f"  {mark} {first}", *(f"    {line}".rstrip() for line in rest)])


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(
        " ".join(text.split()), width=WIDTH, initial_indent=f"{label}: ", subsequent_indent="  "
    )
