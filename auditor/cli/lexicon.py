"""``auditor rules`` and ``auditor explain``: read the lexicons, never audit.

The library is imported inside each command, as in every command module: building the command
line must not wait for it.
"""

from __future__ import annotations

import click

from auditor.cli.base import lexicon_options


@click.command()
@click.option("--category", help="Only rules of this category.")
@lexicon_options
def rules(category, lexicon_dirs, disable) -> None:
    """List the rules: id, severity, category and message.

    Example: auditor rules --category safety_absolute
    """
    from auditor.lexicon import load_lexicons

    lexicon = load_lexicons(lexicon_dirs, disable)
    for rule in lexicon.rules:
        if category and rule.category != category:
            continue
        click.echo(f"{rule.id:<36} {rule.severity.value:<7} {rule.category:<28} {rule.message}")


@click.command(name="explain")
@click.argument("item_id", metavar="RULE_OR_CRITERION_ID")
@lexicon_options
def explain_command(item_id, lexicon_dirs, disable) -> None:
    """Explain a rule or a criterion: message, rationale, criteria, suggestion, examples.

    Example: auditor explain SAFETY-RISK-ELIMINATED
    """
    from auditor.explain import explain
    from auditor.lexicon import load_lexicons

    click.echo(explain(load_lexicons(lexicon_dirs, disable), item_id))
