"""``wijkgraaf serve``: the SPARQL endpoint as an HTTP service (Starlette + uvicorn).

A composition root like :mod:`graph.cli.main`: the only place the endpoint's settings are read
from the environment. Editor tokens come from ``--editor-token-file`` (one ``name=token`` or
bare token a line; ``#`` comments) or ``$WIJKGRAAF_EDITOR_TOKENS`` (the same, comma
separated); without any, the endpoint is read-only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from graph.cli.common import say, store_from_args

__all__ = ["register", "cmd_serve", "parse_tokens"]


def parse_tokens(text: str) -> dict[str, str]:
    """Tokens from ``name=token`` or bare ``token`` entries (lines or commas).

    >>> parse_tokens("ann=s3cret, 0123456789abcdef # bare\\n")
    {'s3cret': 'ann', '0123456789abcdef': 'editor'}
    """
    tokens = {}
    for line in text.splitlines():
        for entry in line.split("#", 1)[0].split(","):
            entry = entry.strip()
            if not entry:
                continue
            name, sep, token = entry.partition("=")
            name, token = (name.strip(), token.strip()) if sep else ("editor", name.strip())
            if token:
                tokens[token] = name or "editor"
    return tokens


def _tokens(args: argparse.Namespace) -> dict[str, str]:
    tokens = parse_tokens(os.environ.get("WIJKGRAAF_EDITOR_TOKENS", ""))
    path = args.editor_token_file or os.environ.get("WIJKGRAAF_EDITOR_TOKEN_FILE")
    if path:
        tokens.update(parse_tokens(Path(path).read_text(encoding="utf-8")))
    short = [name for token, name in tokens.items() if len(token) < 16]
    if short:
        print(say("short_token", args.lang, names=", ".join(short)), file=sys.stderr)
    return tokens


def _public_url(value: str) -> str:
    from graph.endpoint import public_base

    try:
        return public_base(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from graph.endpoint import make_app

    store = store_from_args(args, bundled=not args.no_bundled)
    tokens = _tokens(args)
    cors = args.cors_origin or [o for o in os.environ.get(
        "WIJKGRAAF_CORS_ORIGINS", "").split(",") if o.strip()]
    app = make_app(store, time_limit=args.time_limit, write_time_limit=args.write_time_limit,
                   max_rows=args.max_rows, max_query_bytes=args.max_query_bytes,
                   max_upload_bytes=args.max_upload_bytes, workers=args.workers,
                   editor_tokens=tokens, public_url=args.public_url, cors_origins=cors)
    where = f"http://{args.host}:{args.port}/"
    lang = args.lang
    mode = say("serve_writes" if tokens else "serve_read_only", lang)
    print(say("serve_at", lang, url=where, store=store.location, mode=mode), file=sys.stderr)
    if args.public_url:
        print(say("public_url", lang, url=args.public_url), file=sys.stderr)
    elif args.host not in {"127.0.0.1", "localhost", "::1"}:
        print(say("no_public_url", lang), file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                proxy_headers=bool(args.public_url), access_log=args.access_log)
    return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``serve`` subcommand."""
    p = subparsers.add_parser(
        "serve", parents=[common],
        help="serve the SPARQL 1.1 endpoint, Graph Store, query page, VoID and dump")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on "
                   "(default 127.0.0.1; use 0.0.0.0 to serve other machines)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--time-limit", type=float, default=10.0,
                   help="seconds a query may run before it is stopped (default 10)")
    p.add_argument("--write-time-limit", type=float, default=60.0,
                   help="seconds an update or Graph Store write may take, validation "
                   "included (default 60)")
    p.add_argument("--max-rows", type=int, default=10_000,
                   help="row cap of a result (default 10000)")
    p.add_argument("--max-query-bytes", type=int, default=100_000,
                   help="size cap of a query or update (default 100000)")
    p.add_argument("--max-upload-bytes", type=int, default=20_000_000,
                   help="size cap of a Graph Store upload (default 20000000)")
    p.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)),
                   help="query worker processes (default: CPU count, 2 to 4)")
    p.add_argument("--editor-token-file", help="file of editor tokens (name=token a line); "
                   "also $WIJKGRAAF_EDITOR_TOKENS, $WIJKGRAAF_EDITOR_TOKEN_FILE")
    p.add_argument("--cors-origin", action="append", help="allow cross-origin reads from "
                   "this origin (repeatable; '*' for any; also $WIJKGRAAF_CORS_ORIGINS)")
    p.add_argument("--public-url", type=_public_url, help="the public base URL, e.g. "
                   "https://data.example.org/wijkgraaf/: VoID, the service description, the "
                   "citation and the dump links name it, never the request's Host "
                   "(default: the URL a request came in on)")
    p.add_argument("--no-bundled", action="store_true",
                   help="do not load the bundled knowledge base into an empty store")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--no-access-log", dest="access_log", action="store_false",
                   help="do not log every request")
    p.set_defaults(func=cmd_serve)
