"""Building the command line imports no heavy library: ``auditor --version``, ``--help``,
``rules``, ``explain`` and usage errors answer without loading spaCy's pipeline, scikit-learn,
pandas or Dask. Each check runs in a fresh interpreter, where nothing is imported yet.

The same holds for ``import auditor``, whose public names are imported on first use (PEP 562).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import auditor
from auditor.audit import Auditor
from auditor.cli import ExitStatus, main
from auditor.documents import Document
from auditor.lexicon import load_lexicons
from auditor.report import RENDERERS
from auditor.report.models import DocumentReport

HEAVY = ("spacy", "sklearn", "skops", "pandas", "dask", "distributed", "pyarrow", "fastapi")
"""Libraries a command that does not audit has no use for."""
AUDITING = ("sklearn", "skops", "pandas", "dask", "distributed", "pyarrow", "fastapi")
"""The same without spaCy: the lexicon loader checks token patterns with spaCy's schema."""


def heavy_imported(code: str, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``watched`` libraries that a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in {watched!r} if m in sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.splitlines()[-1])


def command(*args: str) -> str:
    """Code that runs ``auditor ARGS`` in the interpreter and goes on whatever its status."""
    return (
        "from auditor.cli import main\n"
        f"try:\n    main({list(args)!r}, prog_name='auditor')\nexcept SystemExit:\n    pass"
    )


def test_importing_the_command_line_loads_no_heavy_library():
    assert heavy_imported("import auditor.cli") == []


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("audit", "--bad-option")])
def test_commands_that_only_parse_load_no_heavy_library(args):
    assert heavy_imported(command(*args)) == []


@pytest.mark.parametrize("args", [("rules",), ("explain", "SAFETY-RISK-ELIMINATED")])
def test_lexicon_commands_load_no_model_and_no_table_library(args):
    assert heavy_imported(command(*args), AUDITING) == []


def test_audit_help_loads_no_model():
    # its choices come from the renderers, the runners and the criteria, none of which needs
    # the claim-strength model (pandas stays: the report renderers read the grade names)
    assert heavy_imported(command("audit", "--help"), ("sklearn", "skops", "dask")) == []


def test_choices_read_from_the_library_still_show_in_help_and_check_values():
    runner = CliRunner()
    shown = runner.invoke(main, ["audit", "--help"]).output
    assert all(name in shown for name in (*RENDERERS, "processes", "dask", "us", "all"))
    refused = runner.invoke(main, ["audit", "--format", "docx", "x.txt"])
    assert refused.exit_code == ExitStatus.CONFIG_ERROR
    assert "'docx' is not one of" in refused.output and "jsonl" in refused.output


def test_importing_the_package_or_reading_its_version_loads_no_heavy_library():
    assert heavy_imported("import auditor\nassert auditor.__version__") == []


def test_public_names_are_the_library_objects():
    from auditor import Auditor as Lazy

    assert Lazy is auditor.Auditor is Auditor
    assert auditor.Document is Document
    assert auditor.DocumentReport is DocumentReport
    assert auditor.load_lexicons is load_lexicons
    assert set(auditor.__all__) <= set(dir(auditor))
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        auditor.Nothing  # noqa: B018


def test_audit_text_audits_with_the_builtin_lexicons():
    report = auditor.audit_text("Our stem cells are 100% safe and reverse MS.", id="ad")
    assert isinstance(report, DocumentReport) and report.id == "ad"
    assert "safety_absolute" in {f.category for f in report.findings}
