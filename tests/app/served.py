"""``wijkgraaf app`` as a real process, for the browser tests and ``docs/screenshots.py``.

The app is started on a port that is free at that moment; if another process takes the port
before the app binds it (the app then stops, saying "already in use"), it is started again on
another port, so no port is chosen in advance and a busy machine does not fail a test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["AppNotStarted", "start_app", "stop_app"]


class AppNotStarted(RuntimeError):
    """The app did not answer its health check; the message holds its output."""


def start_app(data: Path | None = ROOT / "data", log: Path | None = None, attempts: int = 5,
              wait: float = 90) -> tuple[subprocess.Popen, str]:
    """``wijkgraaf app --store :memory:`` (with ``data``, the bundled knowledge base by default)
    on a free port; its process and URL once ``/_stcore/health`` answers. Its output goes to
    ``log`` when given (read it afterwards), else it is kept for the error message."""
    from graph.cli.app import free_port

    exe = Path(sys.executable).parent / "wijkgraaf"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKGRAAF_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    output = ""
    for _ in range(attempts):
        port = free_port()
        command = [str(exe), "app", "--store", ":memory:", "--port", str(port)]
        command += ["--data", str(data)] if data else []
        out = log.open("w") if log else subprocess.PIPE
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, text=True)
        if log:
            out.close()
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=1) as reply:
                    if reply.status == 200:
                        return proc, url
            except OSError:
                time.sleep(0.2)
        proc.kill()
        proc.wait()
        output = log.read_text() if log else (proc.stdout.read() if proc.stdout else "")
        if "already in use" not in output:
            break
    raise AppNotStarted(output)


def stop_app(proc: subprocess.Popen) -> None:
    """Stop the app as a terminal would (SIGTERM), and kill it if it does not stop in 10 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
