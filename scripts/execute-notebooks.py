#!/usr/bin/python3
"""Execute Jupyter notebooks headless with a given kernel and export them as HTML.

Usage: /usr/bin/python3 scripts/execute-notebooks.py [--kernel NAME] [--html-dir DIR]
                                                    [--timeout S] [--keep-audio] NOTEBOOK...

Each notebook runs in its own folder (so relative paths behave as in Jupyter). A cell error stops
that notebook, is printed, and makes the exit status 1 after the remaining notebooks have run.
The .ipynb files are never written: executed copies exist only as HTML in --html-dir. Embedded
audio players are replaced by a short note in the HTML unless --keep-audio is given, so the
exported pages stay small (run the notebook to listen).

Needs Debian's python3-nbclient and jupyter-nbconvert (use /usr/bin/python3).
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

AUDIO = re.compile(r'<audio[^>]*src="data:audio/wav;base64,[A-Za-z0-9+/=]*"[^>]*>\s*</audio>')
NOTE = '<em>(audio player: run the notebook to listen)</em>'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="mastering-workbench")
    ap.add_argument("--html-dir")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--keep-audio", action="store_true")
    ap.add_argument("notebooks", nargs="+")
    a = ap.parse_args()
    failed = []
    for path in a.notebooks:
        nb = nbformat.read(path, as_version=4)
        start = time.time()
        client = NotebookClient(nb, kernel_name=a.kernel, timeout=a.timeout,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        try:
            client.execute()
            status = "ok"
        except Exception as e:  # CellExecutionError, timeouts, a dead kernel: all fail the run
            status = "FAILED"
            failed.append(path)
            print(f"--- {path} failed:\n{e}", file=sys.stderr)
        print(f"{path}: {status} in {time.time() - start:.1f} s", flush=True)
        if a.html_dir and status == "ok":
            os.makedirs(a.html_dir, exist_ok=True)
            body, _ = HTMLExporter().from_notebook_node(nb)
            if not a.keep_audio:
                body = AUDIO.sub(NOTE, body)
            name = os.path.splitext(os.path.basename(path))[0] + ".html"
            with open(os.path.join(a.html_dir, name), "w", encoding="utf-8") as f:
                f.write(body)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
