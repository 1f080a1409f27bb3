"""Command line: each command parses options, calls the library and renders; nothing more.

One module per command family; this module only assembles them into the ``auditor`` group.
"""

from __future__ import annotations

from auditor.cli.audit import audit
from auditor.cli.base import ExitStatus, main
from auditor.cli.crawl import crawl_command
from auditor.cli.evaluate import evaluate
from auditor.cli.lexicon import explain_command, rules
from auditor.cli.serve import serve
from auditor.cli.strength import evaluate_strength, train

for _command in (
    audit,
    crawl_command,
    rules,
    explain_command,
    evaluate,
    serve,
    train,
    evaluate_strength,
):
    main.add_command(_command)

__all__ = ["ExitStatus", "main"]
