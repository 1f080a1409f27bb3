"""``auditor serve``: the paste-and-check page and the JSON API, on one host and port."""

from __future__ import annotations

import click

from auditor.cli.base import JURISDICTION, lexicon_options


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--jurisdiction",
    type=JURISDICTION,
    default="us",
    show_default=True,
    help="Default jurisdiction; a request may choose another.",
)
@lexicon_options
def serve(host, port, jurisdiction, lexicon_dirs, disable) -> None:
    """Serve a page to paste text or a URL and read the highlighted report, and a JSON API
    (POST /api/audit; schema at /openapi.json). Nothing is stored between requests.

    Example: auditor serve --port 8000
    """
    import uvicorn

    from auditor.audit import Auditor
    from auditor.serve import create_app

    app = create_app(Auditor(lexicon_dirs=lexicon_dirs, disable=disable, jurisdiction=jurisdiction))
    click.echo(f"auditor: serving http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
