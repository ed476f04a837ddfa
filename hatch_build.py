"""Wheel build hook: compile the coder's hot path (tokenizer, actor lookup, pattern matcher) with mypyc.

The modules are the same Python files, compiled to C extensions at install time; they code about twice
as fast and give the same events. An editable install (`pip install -e .`) stays pure Python, so that
edits take effect at once. Set CODER_PURE_PYTHON=1 to build a pure-Python wheel; a machine without a
C compiler gets one too, with a warning (the build never fails for want of one).
Which modules: `[tool.hatch.build.targets.wheel.hooks.custom] compile` in pyproject.toml.
"""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules are checked on their own: imports outside them are read for types but never reported
# on, and packages missing from the build environment (pydantic, pandas) count as untyped.
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent"]


class CompileHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable" or os.environ.get("CODER_PURE_PYTHON"):
            return
        modules = list(self.config.get("compile", []))
        self._work = Path(tempfile.mkdtemp(prefix="coder-mypyc-"))
        try:
            built = _compile(Path(self.root), modules, self._work)
        except (Exception, SystemExit) as exc:  # no compiler, a type error: a slower coder beats none
            self.app.display_warning(f"coder: compiling {len(modules)} modules with mypyc failed ({exc}); "
                                     "installing pure Python (same events, about half the speed)")
            return
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(self._work / "lib").as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_work", None) is not None:
            shutil.rmtree(self._work, ignore_errors=True)


def _compile(root: Path, modules: list[str], work: Path) -> list[Path]:
    """Compile `modules` (paths relative to root) into work/lib; the extension files made."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    here = os.getcwd()
    os.chdir(root)  # mypyc names the modules by their paths from here
    try:
        extensions = mypycify([*MYPY_OPTIONS, *modules], opt_level="3", target_dir=str(work / "c"))
        command = Distribution({"name": "coder", "ext_modules": extensions}).get_command_obj("build_ext")
        command.build_lib, command.build_temp = str(work / "lib"), str(work / "temp")
        command.parallel = os.cpu_count() or 1
        command.ensure_finalized()
        command.run()
    finally:
        os.chdir(here)
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    built = sorted(p for p in (work / "lib").rglob("*") if p.name.endswith(suffixes))
    made = {p.relative_to(work / "lib").as_posix().split(".")[0] for p in built}
    missing = [m for m in modules if m.removesuffix(".py") not in made]
    if missing:
        raise RuntimeError(f"no extension made for {', '.join(missing)}")
    return built
