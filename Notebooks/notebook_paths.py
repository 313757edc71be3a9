"""Where the notebooks read and write, shared by every notebook (run as a script by
run_all.py, or in Jupyter, whose kernel starts in this folder so the import resolves).

HERE is this folder, ROOT the repository, OUTPUT the CLI outputs and pictures
(TAILRISK_NOTEBOOK_OUTPUT overrides it)."""
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = pathlib.Path(os.environ.get("TAILRISK_NOTEBOOK_OUTPUT", HERE / "output"))
