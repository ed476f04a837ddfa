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
    "Event", "InputError", "Problem", "__version__", "load_codebook", "write_codebook",
]
