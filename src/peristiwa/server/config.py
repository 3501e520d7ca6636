"""Server options, declared once, and the rule that a server beyond loopback needs a token."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from peristiwa.errors import PeristiwaError
from peristiwa.settings import PACKAGE_DIR

TOKEN_ENV = "PERISTIWA_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY = 5_000_000  # bytes; a long article is ~50 kB, a batch of 100 fits easily
STATIC_DIR = PACKAGE_DIR / "web" / "static"  # the web UI, made by the web engineer
DEFAULT_CACHE = 256  # extract records kept by content, so a re-sent article costs no pipeline run


class ServerConfigError(PeristiwaError):
    code = "P500"


@dataclass(frozen=True, slots=True)
class ServerOptions:
    host: str = DEFAULT_HOST
    max_body: int = DEFAULT_MAX_BODY
    extract_cache: int = DEFAULT_CACHE
    load_pipeline: bool = True  # False: /v1/extract and POST /v1/articles answer 503 (tests of reads only)
    static_dir: Path = STATIC_DIR
    url: str | None = None  # where clients reach it: set by `serve`, announced in the sidecar (store/sidecar.py)
    allowed_hosts: tuple[str, ...] = ()  # more names a server without a token accepts writes for (--allow-host)
    watch: tuple[str, ...] = ()  # sources (feed URLs, files listing them) the server follows (--watch)
    watch_interval: float = 30.0  # seconds between two polls of one source


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything: treat it as public


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def write_hosts(options: ServerOptions) -> frozenset[str]:
    """The Host names a server without a token accepts writes for: its own address, loopback, configured ones.

    Any other name in a request's Host header means a page elsewhere made the browser resolve its own domain
    to this machine (DNS rebinding): the browser would let it write here."""
    return frozenset(name.lower().strip("[]") for name in (options.host, *LOOPBACK_NAMES, *options.allowed_hosts))


def host_name(header: str) -> str:
    """ "127.0.0.1:8000" → "127.0.0.1", "[::1]:8000" → "::1", "Example.ORG" → "example.org"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def resolve_token(given: str | None) -> str | None:
    """The write token: `--token`, else the environment; blank means none."""
    token = given if given is not None else os.environ.get(TOKEN_ENV)
    return token.strip() or None if token else None


def check_exposure(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token: anyone on the network could write otherwise."""
    if not is_loopback(host) and not token:
        raise ServerConfigError(
            f"listening on {host} (beyond this machine) needs a write token: pass --token SECRET or set "
            f"{TOKEN_ENV}, or listen on 127.0.0.1"
        )
