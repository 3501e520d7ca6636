"""Write endpoints need `Authorization: Bearer <token>` whenever the server has a token."""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from peristiwa.server.errors import ApiError

bearer = HTTPBearer(auto_error=False, description="The token given to `peristiwa serve --token` (or PERISTIWA_TOKEN).")


def require_writer(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)  # noqa: B008
) -> None:
    token: str | None = request.app.state.token
    if token is None:
        return  # loopback without a token: only this machine can reach the server
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "this endpoint writes and needs the server's token: send 'Authorization: Bearer <token>'",
                       code="unauthorized")
