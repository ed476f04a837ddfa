"""coder: CAMEO event coding of news text, driven by YAML codebooks, to Parquet."""

__version__ = "0.1.0"

from coder.codebook.load import Codebook, load_codebook  # noqa: E402
from coder.codebook.write import write_codebook  # noqa: E402
from coder.errors import CodebookError, CoderError, InputError, Problem  # noqa: E402
from coder.events import Event  # noqa: E402
from coder.pipeline import Coder, DocumentResult  # noqa: E402
from coder.text.records import Document, DocumentError  # noqa: E402

__all__ = [
    "Codebook", "CodebookError", "Coder", "CoderError", "Document", "DocumentError", "DocumentResult",
    "Event", "InputError", "Problem", "__version__", "compiled", "load_codebook", "write_codebook",
]

# The hot path, which a wheel build compiles with mypyc (hatch_build.py; the list in pyproject.toml)
HOT_PATH = ("coder.text.records", "coder.text.tokenize", "coder.text.split", "coder.text.inflect",
            "coder.codebook.pattern", "coder.match.actors", "coder.match.patterns", "coder.match.discards",
            "coder.events", "coder.pipeline")


def compiled() -> tuple[str, ...]:
    """The hot-path modules running as compiled code; () when the coder runs as pure Python (an
    editable install, CODER_PURE_PYTHON=1 at install, or no C compiler then)."""
    import importlib

    return tuple(name for name in HOT_PATH if not (importlib.import_module(name).__file__ or "").endswith(".py"))
