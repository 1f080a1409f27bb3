"""Find, parse and validate lexicon folders into one :class:`Lexicon`.

All problems in all files are collected and raised together as ``path:line: problem`` lines,
so a rule author sees every mistake at once (as vale and spaCy's pattern validator do).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from spacy.schemas import validate_token_pattern

from auditor.errors import AuditorError, LexiconError
from auditor.lexicon.patterns import TERM_KEY, expand_terms
from auditor.lexicon.schema import (
    ApprovedUse,
    ClaimWordClass,
    Condition,
    ContextCues,
    ContextKind,
    Criterion,
    CueList,
    Evidence,
    Feature,
    LexiconFile,
    Rule,
    TermSet,
)

Problem = tuple[str, dict[str, object]]
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (three times faster on the built-in
lexicons, same nodes and line marks), else the pure-Python one."""
YAML_SCALAR_HINT = (
    "YAML reads unquoted no, yes, on, off, true, false and numbers as non-strings; quote them"
)


def builtin_lexicon_dir() -> Path:
    """The lexicons shipped with the package (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "lexicons", here.parent / "lexicons"):
        if candidate.is_dir():
            return candidate
    raise AuditorError("E106", path=here / "lexicons")


@dataclass(frozen=True)
class Lexicon:
    """Everything the pipeline and the report need from the lexicon files."""

    rules: tuple[Rule, ...]
    term_sets: Mapping[str, TermSet]
    context: Mapping[ContextKind, tuple[ContextCues, ...]]
    criteria: Mapping[str, Criterion]
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    approved_uses: tuple[ApprovedUse, ...] = ()
    features: tuple[Feature, ...] = ()
    cue_lists: Mapping[str, CueList] = field(default_factory=dict)
    claim_word_classes: Mapping[str, ClaimWordClass] = field(default_factory=dict)
    """In file order: the first class that holds a word wins."""
    disabled: tuple[str, ...] = ()
    sha256: str = ""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Rule and criterion id -> ``file:line`` where it is defined."""

    @property
    def categories(self) -> list[str]:
        return sorted({rule.category for rule in self.rules})

    @cached_property
    def _rules_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules_by_id.get(rule_id)


def load_lexicons(extra_dirs: Iterable[str | Path] = (), disable: Iterable[str] = ()) -> Lexicon:
    """Load the built-in lexicons plus user folders; switch off rules by id or category.

    Raises :class:`LexiconError` listing every problem found, or :class:`AuditorError` for a
    missing folder or an unknown ``disable`` name. The built-in lexicons alone are loaded once
    per process: every Auditor and the default claim-strength model read them, and a
    :class:`Lexicon` is immutable.
    """
    extra_dirs, disable = tuple(extra_dirs), tuple(disable)
    if not extra_dirs and not disable:
        return _builtin_lexicons()
    return _load(extra_dirs, disable)


@cache
def _builtin_lexicons() -> Lexicon:
    return _load((), ())


def _load(extra_dirs: tuple[str | Path, ...], disable: tuple[str, ...]) -> Lexicon:
    folders = [builtin_lexicon_dir()]
    for extra in extra_dirs:
        path = Path(extra)
        if not path.is_dir():
            raise AuditorError("E106", path=path)
        folders.append(path)

    problems: list[Problem] = []
    parsed: list[tuple[Path, LexiconFile, yaml.Node]] = []
    digests: list[str] = []
    for folder in folders:
        files = sorted(folder.rglob("*.yml")) + sorted(folder.rglob("*.yaml"))
        if not files:
            raise AuditorError("E107", path=folder)
        for path in files:
            raw = path.read_bytes()
            digests.append(hashlib.sha256(raw).hexdigest())
            result = _parse_file(path, raw, problems)
            if result is not None:
                parsed.append((path, *result))

    lexicon = _assemble(parsed, problems)
    if problems:
        raise LexiconError(problems)
    disabled = _resolve_disabled(lexicon.rules, disable)
    fingerprint = hashlib.sha256(
        "\n".join([*sorted(digests), "disabled:", *disabled]).encode()
    ).hexdigest()
    return Lexicon(
        rules=tuple(r for r in lexicon.rules if r.id not in disabled),
        term_sets=lexicon.term_sets,
        context=lexicon.context,
        criteria=lexicon.criteria,
        conditions=lexicon.conditions,
        approved_uses=lexicon.approved_uses,
        features=lexicon.features,
        cue_lists=lexicon.cue_lists,
        claim_word_classes=lexicon.claim_word_classes,
        disabled=disabled,
        sha256=fingerprint,
        sources=lexicon.sources,
    )


def _parse_file(
    path: Path, raw: bytes, problems: list[Problem]
) -> tuple[LexiconFile, yaml.Node] | None:
    try:
        loader = SAFE_LOADER(raw.decode("utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        problems.append(("E101", {"path": path, "line": 1, "problem": f"not UTF-8 ({exc.reason})"}))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(("E101", {"path": path, "line": line, "problem": reason}))
        return None
    if node is None:
        return None
    try:
        return LexiconFile.model_validate(data), node
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problem = err["msg"]
            if err["type"] == "string_type" and isinstance(err.get("input"), bool | int | float):
                problem += f" (got {err['input']!r}: {YAML_SCALAR_HINT})"
            problems.append(
                (
                    "E102",
                    {
                        "path": path,
                        "line": _line_of(node, loc),
                        "field": _describe_loc(data, loc),
                        "problem": problem,
                    },
                )
            )
        return None


def _describe_loc(data: Any, loc: tuple) -> str:
    """``rules[3] (SAFETY-X).severity`` rather than a bare tuple."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            if isinstance(node, list) and key < len(node):
                node = node[key]
                if isinstance(node, dict) and "id" in node:
                    label += f" ({node['id']})"
            parts.append(label)
        else:
            parts.append(f".{key}" if parts else str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts) or "(file)"


def _line_of(node: yaml.Node, loc: tuple) -> int:
    """1-based line of the YAML node at ``loc``, or of its closest existing parent."""
    current = node
    for key in loc:
        child = None
        if isinstance(current, yaml.MappingNode):
            child = next((v for k, v in current.value if k.value == key), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
            child = current.value[key] if key < len(current.value) else None
        if child is None:
            break
        current = child
    return current.start_mark.line + 1


CONDITION_TERM_SET = "CONDITION"
APPROVED_CONDITION_TERM_SET = "APPROVED_CONDITION"


def _assemble(
    parsed: list[tuple[Path, LexiconFile, yaml.Node]], problems: list[Problem]
) -> Lexicon:
    sections: dict[str, dict[str, Any]] = {
        name: {}
        for name in (
            "rules",
            "term_sets",
            "criteria",
            "conditions",
            "approved_uses",
            "features",
            "cue_lists",
            "claim_word_classes",
        )
    }
    context: dict[ContextKind, list[ContextCues]] = {}
    sources: dict[str, str] = {}
    lines: dict[str, tuple[Path, int]] = {}

    for path, lexfile, node in parsed:
        for section, entries in sections.items():
            for index, entry in enumerate(getattr(lexfile, section)):
                line = _line_of(node, (section, index))
                # rules, term sets and criteria share one id space (users name them on the
                # command line); evidence and profile entries are namespaced by section
                key = (
                    entry.id
                    if section in ("rules", "term_sets", "criteria")
                    else (f"{section}:{entry.id}")
                )
                if key in sources:
                    problems.append(
                        (
                            "E103",
                            {"path": path, "line": line, "id": entry.id, "first": sources[key]},
                        )
                    )
                    continue
                sources[key] = f"{path}:{line}"
                lines[key] = (path, line)
                entries[entry.id] = entry
        for cues in lexfile.context:
            context.setdefault(cues.kind, []).append(cues)

    conditions: dict[str, Condition] = sections["conditions"]
    term_sets: dict[str, TermSet] = sections["term_sets"]
    if conditions:
        if CONDITION_TERM_SET in term_sets:
            path, line = lines[CONDITION_TERM_SET]
            problems.append(
                (
                    "E103",
                    {
                        "path": path,
                        "line": line,
                        "id": CONDITION_TERM_SET,
                        "first": "the evidence lexicon (conditions), which defines it",
                    },
                )
            )
        term_sets[CONDITION_TERM_SET] = TermSet(
            id=CONDITION_TERM_SET,
            description="Names of conditions for which no cell product is approved.",
            source="the evidence lexicon (conditions with evidence other than approved)",
            terms=[
                name
                for condition in conditions.values()
                if condition.evidence is not Evidence.approved
                for name in condition.names
            ],
        )
        approved = [
            name
            for condition in conditions.values()
            if condition.evidence is Evidence.approved
            for name in condition.names
        ]
        if approved:
            term_sets[APPROVED_CONDITION_TERM_SET] = TermSet(
                id=APPROVED_CONDITION_TERM_SET,
                description="Names of conditions with a licensed cell or tissue product.",
                source="the evidence lexicon (conditions with evidence approved)",
                terms=approved,
            )
    for use in sections["approved_uses"].values():
        path, line = lines[f"approved_uses:{use.id}"]
        for condition_id in use.conditions:
            condition = conditions.get(condition_id)
            if condition is None or condition.evidence is not Evidence.approved:
                problems.append(
                    (
                        "E104",
                        {
                            "path": path,
                            "line": line,
                            "field": f"{use.id}.conditions",
                            "kind": "approved condition",
                            "name": condition_id,
                            "known": ", ".join(
                                sorted(
                                    c.id
                                    for c in conditions.values()
                                    if c.evidence is Evidence.approved
                                )
                            )
                            or "(none)",
                        },
                    )
                )
    for feature in sections["features"].values():
        path, line = lines[f"features:{feature.id}"]
        for pattern in feature.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(
                    (
                        "E102",
                        {
                            "path": path,
                            "line": line,
                            "field": f"{feature.id}.patterns",
                            "problem": f"invalid regular expression {pattern!r}: {exc}",
                        },
                    )
                )

    criteria: dict[str, Criterion] = sections["criteria"]
    for rule in sections["rules"].values():
        path, line = lines[rule.id]
        _check_references(path, line, rule, term_sets, criteria, problems)

    return Lexicon(
        rules=tuple(sections["rules"].values()),
        term_sets=term_sets,
        context={kind: tuple(entries) for kind, entries in context.items()},
        criteria=criteria,
        conditions=conditions,
        approved_uses=tuple(sections["approved_uses"].values()),
        features=tuple(sections["features"].values()),
        cue_lists=sections["cue_lists"],
        claim_word_classes=sections["claim_word_classes"],
        sources=sources,
    )


def _check_references(
    path: Path,
    line: int,
    rule: Rule,
    term_sets: Mapping[str, TermSet],
    criteria: Mapping[str, Criterion],
    problems: list[Problem],
) -> None:
    def unknown(field_name: str, kind: str, name: str, known: Iterable[str]) -> None:
        problems.append(
            (
                "E104",
                {
                    "path": path,
                    "line": line,
                    "field": f"{rule.id}.{field_name}",
                    "kind": kind,
                    "name": name,
                    "known": ", ".join(sorted(known)) or "(none)",
                },
            )
        )

    for criterion in rule.criteria:
        if criterion not in criteria:
            unknown("criteria", "criterion", criterion, criteria)
    for key in ("requires", "excluded_by"):
        for name in getattr(rule, key):
            if name not in term_sets:
                unknown(key, "term set", name, term_sets)
    if rule.extends_over is not None and rule.extends_over not in term_sets:
        unknown("extends_over", "term set", rule.extends_over, term_sets)
    for index, pattern in enumerate(rule.patterns):
        if pattern.tokens is None:
            continue
        for token in pattern.tokens:
            if TERM_KEY in token and token[TERM_KEY] not in term_sets:
                unknown(f"patterns[{index}]", "term set", str(token[TERM_KEY]), term_sets)
        spacy_errors = validate_token_pattern(expand_terms(pattern.tokens, term_sets))
        if any("valid string" in e for e in spacy_errors):
            spacy_errors.append(YAML_SCALAR_HINT)
        if spacy_errors:
            problems.append(
                (
                    "E105",
                    {
                        "path": path,
                        "line": line,
                        "field": f"{rule.id}.patterns[{index}]",
                        "problem": "; ".join(spacy_errors),
                    },
                )
            )


def _resolve_disabled(rules: Iterable[Rule], names: Iterable[str]) -> tuple[str, ...]:
    rules = list(rules)
    disabled: set[str] = set()
    for name in names:
        matched = {r.id for r in rules if name in (r.id, r.category)}
        if not matched:
            raise AuditorError("E108", name=name)
        disabled |= matched
    return tuple(sorted(disabled))
