"""Write endpoints need `Authorization: Bearer <token>` whenever the server has a token."""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from peristiwa.server.config import host_name
from peristiwa.server.errors import ApiError

bearer = HTTPBearer(auto_error=False, description="The token given to `peristiwa serve --token` (or PERISTIWA_TOKEN).")


def require_writer(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008
) -> None:
    token: str | None = request.app.state.token
    if token is None:  # loopback without a token: only this machine can reach the server …
        _require_own_host(request)  # … unless a page elsewhere rebinds its domain to this machine
        return
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(
            401,
            "this endpoint writes and needs the server's token: send 'Authorization: Bearer <token>'",
            code="unauthorized",
        )


def _require_own_host(request: Request) -> None:
    host = host_name(request.headers.get("host", ""))
    if host not in request.app.state.write_hosts:
        raise ApiError(
            403,
            f"this server has no write token and takes writes only for its own address, not for "
            f"Host {host!r}; if that name is yours, start it with --allow-host {host or 'NAME'}, "
            "or give it a --token",
            code="forbidden",
        )
