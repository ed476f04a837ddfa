"""The command line: a thin Typer layer over the library; errors become one line and an exit code."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coder import __version__
from coder.cli import code as code_cmd
from coder.cli import codebook as codebook_cmd
from coder.cli import evaluate as eval_cmd
from coder.cli import explain as explain_cmd

app = typer.Typer(
    name="coder",
    help="Code news text into CAMEO dyadic events with YAML codebooks; write Parquet.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from coder import HOT_PATH, compiled

        built = compiled()
        typer.echo(f"coder {__version__} ({'compiled' if len(built) == len(HOT_PATH) else 'pure Python' if not built else 'partly compiled'})")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", metavar="", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Code news text into CAMEO dyadic events with YAML codebooks; write Parquet."""


app.command("code")(code_cmd.code)
app.command("eval")(eval_cmd.evaluate)
app.command("explain")(explain_cmd.explain)
app.add_typer(codebook_cmd.app, name="codebook")


def main() -> None:
    """The console entry point: an unexpected failure is one line, not a traceback (CODER_DEBUG=1 shows it)."""
    import os
    import sys

    try:
        app()
    except Exception as exc:  # a bug in coder, not the user's input: say so in one line
        if os.environ.get("CODER_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it, "
              "with CODER_DEBUG=1 for the traceback", file=sys.stderr)
        sys.exit(3)
