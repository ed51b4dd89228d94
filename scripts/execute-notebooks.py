#!/usr/bin/python3
"""Execute Jupyter notebooks headless with a given kernel and export them as HTML.

Usage: /usr/bin/python3 scripts/execute-notebooks.py [--kernel NAME] [--html-dir DIR] [--timeout S]
                                                    [--audio mp3|wav|none] NOTEBOOK...

Each notebook runs in its own folder (so relative paths behave as in Jupyter). A cell error stops
that notebook, is printed, and makes the exit status 1 after the remaining notebooks have run.
The .ipynb files are never written: executed copies exist only as HTML in --html-dir.

The pages are light: nbconvert's "basic" body in a small page that links one shared stylesheet
(notebook.css, copied from scripts/ into --html-dir) and MathJax from a CDN. The players' 16-bit WAV
data is re-encoded to 96 kbit/s MP3 with ffmpeg (--audio mp3, the default; about 0.1 MB per 8 s of
stereo instead of 1.9 MB), kept as WAV (--audio wav) or replaced by a note (--audio none, also
when ffmpeg is missing).

Needs Debian's python3-nbclient and jupyter-nbconvert (use /usr/bin/python3).
"""
import argparse
import base64
import glob
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

AUDIO = re.compile(r'<audio([^>]*)src="data:audio/wav;base64,([A-Za-z0-9+/=]*)"([^>]*)>\s*</audio>')
NOTE = '<em>(audio player: run the notebook to listen)</em>'
CSS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notebook.css")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="notebook.css">
<script>
window.MathJax = {{ tex: {{ inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], processEscapes: true }} }};
</script>
<script async src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>
</head>
<body>
<nav class="nb">{nav}</nav>
<main>
{body}
</main>
</body>
</html>
"""


def to_mp3(b64):
    """The WAV of a data URI as an MP3 data URI, or None when ffmpeg cannot make one."""
    with tempfile.TemporaryDirectory() as tmp:
        wav, mp3 = os.path.join(tmp, "a.wav"), os.path.join(tmp, "a.mp3")
        with open(wav, "wb") as f:
            f.write(base64.b64decode(b64))
        r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", wav, "-codec:a", "libmp3lame",
                            "-b:a", "96k", mp3], capture_output=True)
        if r.returncode != 0 or not os.path.exists(mp3):
            return None
        with open(mp3, "rb") as f:
            return "data:audio/mpeg;base64," + base64.b64encode(f.read()).decode("ascii")


def players(body, mode):
    if mode == "wav":
        return body
    if mode == "mp3" and shutil.which("ffmpeg"):
        def sub(m):
            uri = to_mp3(m.group(2))
            return f'<audio{m.group(1)}src="{uri}"{m.group(3)}></audio>' if uri else NOTE
        return AUDIO.sub(sub, body)
    return AUDIO.sub(NOTE, body)


def title_of(nb, path):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"[*`]", "", line[2:]).strip()
    return os.path.splitext(os.path.basename(path))[0]


def nav_of(path):
    """Links to the previous and next notebook of the folder and to the series' index."""
    names = sorted(os.path.splitext(os.path.basename(p))[0]
                   for p in glob.glob(os.path.join(os.path.dirname(os.path.abspath(path)), "*.ipynb")))
    me = os.path.splitext(os.path.basename(path))[0]
    links = ['<a href="../notebooks.md">all notebooks</a>', '<a href="../course-map.md">course map</a>']
    if me in names:
        i = names.index(me)
        if i > 0:
            links.append(f'<a href="{names[i - 1]}.html">&larr; {html.escape(names[i - 1])}</a>')
        if i + 1 < len(names):
            links.append(f'<a href="{names[i + 1]}.html">{html.escape(names[i + 1])} &rarr;</a>')
    return " ".join(links)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="mastering-workbench")
    ap.add_argument("--html-dir")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--audio", choices=["mp3", "wav", "none"], default="mp3",
                    help="players in the HTML: MP3 (needs ffmpeg), the kernel's WAV, or a note")
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
        took = time.time() - start
        size = ""
        if a.html_dir and status == "ok":
            os.makedirs(a.html_dir, exist_ok=True)
            shutil.copyfile(CSS, os.path.join(a.html_dir, "notebook.css"))
            body, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
            page = PAGE.format(title=html.escape(title_of(nb, path)), nav=nav_of(path), body=players(body, a.audio))
            out = os.path.join(a.html_dir, os.path.splitext(os.path.basename(path))[0] + ".html")
            with open(out, "w", encoding="utf-8") as f:
                f.write(page)
            size = f", {os.path.getsize(out) / 1e6:.2f} MB of HTML"
        print(f"{path}: {status} in {took:.1f} s{size}", flush=True)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
