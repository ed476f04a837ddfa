"""What the commands share: the codebook option, and errors turned into one line and exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.errors import CodebookError, CoderError
from coder.pipeline import Coder

CodebookOption = Annotated[
    Optional[list[Path]],
    typer.Option("--codebook", "-c", metavar="DIR", help="Codebook folder, or the name of an installed codebook (coder codebook list); repeat to add folders. Default: the shipped CAMEO codebook."),
]


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def make_coder(codebook: list[Path] | None) -> Coder:
    try:
        return Coder(codebook or None)
    except CodebookError as exc:
        for problem in exc.problems:
            typer.echo(f"error: {problem}", err=True)
        additions = any(p.code == "C008" and "0 files" in p.message for p in exc.problems)
        typer.echo(f"error: codebook has {len(exc.problems)} problem(s)" + (
            "; -c replaces the shipped codebook: to add a folder to it, give both (-c cameo -c FOLDER)"
            if additions else ""), err=True)
        raise typer.Exit(2) from None
    except CoderError as exc:
        raise fail(str(exc)) from None
