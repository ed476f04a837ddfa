"""Shared fixtures: the mini codebook for rule tests, paths to the shipped sample and ../shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# `tests.conftest` is importable; the checkout goes last on the path, so that an installed (compiled)
# coder is the one tested when there is one (make test runs with PYTHONSAFEPATH=1: no cwd first)
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from coder import Coder  # noqa: E402
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests keep their compiled codebooks out of the user's cache."""
    import os

    old = os.environ.get("CODER_CACHE_DIR")
    os.environ["CODER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("CODER_CACHE_DIR", None)
    else:
        os.environ["CODER_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def mini() -> Coder:
    return Coder(DATA / "mini")


@pytest.fixture(scope="session")
def shipped() -> Coder:
    return Coder()


def shared(path: str) -> Path:
    """A file under ../shared, or a clean skip where it is not there (users' clones)."""
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"../shared/{path} is not here")
    return full
