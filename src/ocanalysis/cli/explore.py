"""`ocanalysis explore`: the explorer as an app for class, served by Voilà on this machine."""

from __future__ import annotations

import argparse

EPILOG = """\
Serves notebooks/explorer.ipynb (ocanalysis.explore(): a country's composites and ranks, its
indicators against its region and the world, change, the matrix and the map) with Voilà, bound to
127.0.0.1: open the address it prints. Nothing is downloaded: Voilà serves its own pages. To let a
class on the same network open it, pass --ip 0.0.0.0 (anyone who reaches the machine can use it;
the app only reads the index's data). Stop it with Ctrl+C. In JupyterLab, run
`import ocanalysis; ocanalysis.explore()` in a cell instead.
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "explore",
        help="the interactive explorer as a Voilà app for class (--serve)",
        description="The interactive explorer of the index, served as a web app by Voilà.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--serve", action="store_true", help="serve the app (required)")
    parser.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import os
    import shutil
    import sys
    from pathlib import Path

    from ..errors import ArgumentError
    from ..render import NOTEBOOKS

    if not args.serve:
        raise ArgumentError(
            "explore --serve starts the app; in JupyterLab call ocanalysis.explore() instead"
        )
    if not 1 <= args.port <= 65535:
        raise ArgumentError(f"--port {args.port}: give a port from 1 to 65535")
    notebook = NOTEBOOKS / "explorer.ipynb"
    voila = shutil.which("voila", path=os.path.dirname(sys.executable)) or shutil.which("voila")
    if voila is None:
        raise ArgumentError("Voilà is not installed: run `make setup` (or pip install voila)")
    command = [
        voila,
        str(notebook),
        "--no-browser",
        f"--Voila.ip={args.ip}",
        f"--port={args.port}",
        "--Voila.port_retries=0",
        # Voilà's lab template less the icon font it links from a CDN (app/voila/templates).
        "--template=ocanalysis",
    ]
    environment = dict(os.environ)
    templates = str(Path(__file__).resolve().parents[1] / "app")
    environment["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (templates, environment.get("JUPYTER_PATH", "")) if p
    )
    print(
        f"ocanalysis explore: serving {notebook.name} at http://{args.ip}:{args.port}/", flush=True
    )
    os.execve(voila, command, environment)
    return 0  # not reached: the process is Voilà's now
