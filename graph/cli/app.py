"""``wijkgraaf app``: start the Streamlit app on a free port and print its address.

A composition root like :mod:`graph.cli.main`: it reads ``$WIJKGRAAF_STORE`` (through the same
default as every other subcommand) and passes the store to ``app.py`` as an argument.
Streamlit runs headless, with error details hidden from users and usage statistics off, so
nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from ontology import Message, WijkgraafError
from graph.cli.common import DEFAULT_STORE, say

__all__ = ["register", "free_port", "streamlit_command", "APP"]

#: the app's entry point (next to the ``graph`` package in a source checkout)
APP = Path(__file__).resolve().parents[2] / "app.py"
#: Streamlit options: headless, private, no stack traces on screen, the app's colours
OPTIONS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "minimal",
    "global.developmentMode": "false",
    "server.fileWatcherType": "none",
    "theme.primaryColor": "#1d7fa6",
    "theme.base": "light",
}


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now on ``host``.

    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, store: str, data: list[str] | None = None,
                      host: str = "127.0.0.1", lang: str = "nl") -> list[str]:
    """The command line that runs the app on ``port`` with ``store`` (and ``data`` files).

    >>> cmd = streamlit_command(8600, ":memory:", ["tests/data/mini.ttl"])
    >>> cmd[-5:]
    ['--', '--store', ':memory:', '--lang=nl', '--data=tests/data/mini.ttl']
    """
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           f"--server.port={port}", f"--server.address={host}"]
    cmd += [f"--{k}={v}" for k, v in OPTIONS.items()]
    cmd += ["--", "--store", store, f"--lang={lang}"] + [f"--data={Path(p)}" for p in (data or [])]
    return cmd


def cmd_app(args: argparse.Namespace) -> int:

    if not APP.is_file():
        raise WijkgraafError(Message("app_missing", path=APP))
    store = args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE)
    port = args.port or free_port(args.host)
    data = [str(Path(p).resolve()) for p in (args.data or [])]
    print(say("app_at", args.lang, url=f"http://{args.host}:{port}/", store=store), flush=True)
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    cmd = streamlit_command(port, store, data, args.host, args.lang)
    if os.name == "posix":  # become the server: signals reach it, no orphan left behind
        os.chdir(APP.parent)
        os.execve(cmd[0], cmd, env)
    try:  # pragma: no cover - other systems
        return subprocess.call(cmd, env=env, cwd=str(APP.parent))
    except KeyboardInterrupt:  # pragma: no cover
        return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``wijkgraaf app`` to the command line."""
    p = subparsers.add_parser("app", parents=[common],
                              help="start the app (Streamlit) on a free port and print its URL")
    p.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on "
                   "(default 127.0.0.1; 0.0.0.0 for every interface)")
    p.add_argument("--data", action="append", metavar="PATH",
                   help="load these files or directories into the store instead of the "
                   "bundled knowledge base (repeatable; with --store :memory: for a quick look)")
    p.set_defaults(func=cmd_app)
