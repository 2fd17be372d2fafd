"""The commands that fit, serve and measure: ``mend train``, ``serve`` (with the addresses it
warns about and its logging) and ``eval``. Part of :mod:`mendkit.cli.main`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mendkit.cli.commands import EXIT_OK, NOT_THERAPY, _settings, _warn

if TYPE_CHECKING:
    from pathlib import Path


def _train(args: argparse.Namespace) -> int:
    from mendkit.cli.journal import stores
    from mendkit.config import Settings
    from mendkit.training import reset, train

    home = Settings.from_env().home
    if args.reset:
        print("removed your personal heads" if reset(home) else "no personal heads to remove")
        return EXIT_OK
    with stores(home) as found:
        try:
            # How far a long run got goes to stderr; the report itself goes to stdout.
            report = train(home, found.corrections,
                           progress=lambda line: print(line, file=sys.stderr, flush=True))
        finally:  # the skipped lines are said even when none could be read
            _warn(found.corrections.warnings)
    print(report.summary())
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from mendkit.errors import ConfigError

    settings = _settings(args.region)
    if not 0 < args.port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, got {args.port}")
    import errno
    import socket

    try:  # before anything is said to be served (uvicorn would only exit 3 with its own words)
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind((args.host, args.port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {args.port} on {args.host} is in use; choose another with "
                              "--port") from None
        raise ConfigError(f"cannot serve on {args.host} port {args.port}: "
                          f"{exc.strerror or exc}") from None
    # Said at once: loading the web app and the model takes a while (half a minute on a busy
    # computer), and silence until the server is ready says nothing to a screen-reader user.
    print("Mend is starting: loading the web app and the model. This can take a minute; the "
          "address follows when it is ready.", file=sys.stderr, flush=True)  # a progress note
    loopback = _is_loopback(args.host)
    if not loopback:
        print(f"mend: warning: serving on {args.host}: anyone who can reach this address can "
              "use Mend and read what you analyse. Use the default 127.0.0.1 unless you mean "
              "this.", file=sys.stderr)
    try:
        import uvicorn

        from mendkit.web import create_app
        from mendkit.web.app import LOOPBACK_HOSTS
    except ImportError as exc:
        raise ConfigError("the web app needs its extra: pip install 'mendkit[web]'") from exc

    # On loopback, only requests for a loopback Host name are served (no DNS rebinding).
    app = create_app(settings, allowed_hosts=_loopback_hosts(args.host, LOOPBACK_HOSTS)
                     if loopback else None)
    source = next((name for name in ("MEND_PASSPHRASE", "MEND_JOURNAL_KEY")
                   if os.environ.get(name)), "")
    vault = app.state.mend.vault
    if source and vault.exists():
        vault.unlock(os.environ[source])  # a wrong one stops here with a clear message (exit 1)
        print(f"The journal is unlocked ({source}).", flush=True)
    elif not source and vault.status() == "locked":
        from mendkit.journal.accounts import known_practice

        if known_practice(settings.home, settings.database_url):  # else it would run open
            raise ConfigError("this journal serves a practice, and its server needs the "
                              "journal's key to let people sign in: set MEND_JOURNAL_KEY (or "
                              "MEND_PASSPHRASE) and start `mend serve` again")
    from mendkit.analysis.pipeline import warm_up

    warm_up()  # else the first requests, arriving together, would all wait for the model to load
    print(f"Mend is serving on {_url(args.host, args.port)} (Ctrl-C stops it). {NOT_THERAPY}",
          flush=True)  # into a pipe or a log too, before the server runs
    # X-Forwarded-For is trusted only from the proxies named: else every client reaches Mend
    # from loopback and could choose the address that the sign-in limit counts.
    proxies = args.forwarded_allow_ips
    from mendkit.web.app import SERVER_OPTIONS  # h11, with a limit on the size of headers

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                proxy_headers=bool(proxies), forwarded_allow_ips=proxies or None,
                log_config=_serve_logging(debug=args.debug), **SERVER_OPTIONS)
    return EXIT_OK


def _is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer's own address: ``localhost``, 127.0.0.0/8 (also in its
    short forms, such as ``127.1``) or ``::1``. Only this computer can reach a server there."""
    import ipaddress
    import socket

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(socket.inet_aton(host)).is_loopback
    except OSError:
        return False


def _loopback_hosts(host: str, names: Sequence[str]) -> list[str]:
    """The Host names a loopback server answers: the usual ``names``, and the address it is
    bound to, as typed and in full (``127.1`` is 127.0.0.1; IPv6 in brackets, as in a URL)."""
    import contextlib
    import ipaddress
    import socket

    found = [*names, host.lower()]
    try:
        found.append(str(ipaddress.ip_address(host)))
    except ValueError:
        with contextlib.suppress(OSError):
            found.append(socket.inet_ntoa(socket.inet_aton(host)))
    bracketed = (f"[{name}]" if ":" in name and not name.startswith("[") else name
                 for name in found)
    return list(dict.fromkeys(bracketed))


def _url(host: str, port: int) -> str:
    """The address to open: an IPv6 address goes in brackets (RFC 3986)."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _serve_logging(*, debug: bool) -> dict[str, object]:
    """uvicorn's own logging settings, less the traceback it logs when a second Ctrl-C cancels
    the app while it stops (unless ``--debug``): the person asked it to stop at once, which is
    no error."""
    import copy
    import logging

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    if not debug:
        def quiet_forced_stop(record: logging.LogRecord) -> bool:
            return not record.getMessage().rstrip().endswith("CancelledError")

        config.setdefault("filters", {})["mend_quiet_stop"] = {"()": lambda: quiet_forced_stop}
        error_log = config.setdefault("loggers", {}).setdefault("uvicorn.error", {})
        error_log["filters"] = [*error_log.get("filters", []), "mend_quiet_stop"]
    return config


def _eval(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from pathlib import Path

    from mendkit.errors import InvalidInputError
    from mendkit.evaluation import evaluate, load_corpus
    from mendkit.evaluation.public import find_shared_data, run_public, skipped_because

    # The public data is found first, so that a wrong path fails before the slow corpus run.
    data: Path | None = None
    if not args.no_public:
        data = Path(args.data) if args.data else find_shared_data()
    if data is not None and not data.is_dir():
        raise InvalidInputError(("is a file, not a folder" if data.exists() else "no such folder")
                                + " (--data expects the public data folder)", source=str(data))
    corpus = load_corpus(Path(args.corpus) if args.corpus else None)
    report = evaluate(corpus, split=args.split, mode=args.mode)
    public = run_public(data, mode=args.mode) if data is not None else None
    if public is not None and args.split != "test":
        report = replace(report, notes=(*report.notes, (
            f"--split {args.split} chooses the corpus split only: the public benchmarks keep their "
            "own splits, named in each row (test; validation for CGA; EPITOME has no split).")))
    skipped = skipped_because()
    from mendkit.cli import render

    if args.json:
        extra = {} if args.no_public else {"public": public} if public is not None else {
            "public": None, "public_skipped": skipped}
        render.print_json(report.to_dict() | extra)
    else:
        render.evaluation(report)
        if public is not None:
            render.public_benchmarks(public, data=str(data), mode=args.mode)
        elif not args.no_public:
            render.note(f"Public benchmarks skipped: {skipped}.")
    return EXIT_OK
