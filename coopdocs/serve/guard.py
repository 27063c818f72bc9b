"""What stands between the network and the page: host, token, size of requests, CSRF.

A local page that writes files is worth protecting from the other pages a browser has open:
- the `Host` header must name the server itself (127.0.0.1 or localhost and its port), so that
  a site whose name was made to point at 127.0.0.1 (DNS rebinding) reaches nothing;
- every request carries the server's random token, once in the address printed by `coopdocs
  serve` (like notebook servers), then in a cookie (HttpOnly, SameSite=Strict). Cookies ignore
  ports: the browser also sends it to any other local page of 127.0.0.1, so its name is unique
  to this run of the server (two pages never overwrite each other's), and it keeps out web
  sites, not the other programs of this computer;
- a request body larger than `max_bytes` is refused before it is read whole;
- every write (POST) carries the form's CSRF token and, when the browser says where it comes
  from (`Origin`), comes from the page itself (checked by `app`, which reads the forms).
Refusals are short French pages, never a traceback.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

__all__ = ["Guard", "Keys", "TooLarge"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[int, str, str, str], bytes]

TOKEN_PARAMETER = "jeton"


class TooLarge(Exception):
    """A request body grew past the limit while it was read."""


@dataclass(frozen=True)
class Keys:
    """The secrets of one run of the server, and the addresses it answers to."""

    port: int
    token: str
    csrf: str

    @classmethod
    def new(cls, port: int) -> Keys:
        return cls(port, secrets.token_urlsafe(24), secrets.token_urlsafe(24))

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts)

    @property
    def cookie(self) -> str:
        # Derived from the token (not revealing it): a fresh name for each run of the server.
        tag = hashlib.sha256(self.token.encode("utf-8")).hexdigest()[:12]
        return f"coopdocs-{self.port}-{tag}"

    @property
    def url(self) -> str:
        """The address to open: the page, with the token."""
        return f"http://127.0.0.1:{self.port}/?{TOKEN_PARAMETER}={self.token}"

    def csrf_ok(self, given: str | None) -> bool:
        return given is not None and _same(given, self.csrf)

    def origin_ok(self, origin: str | None) -> bool:
        return origin is None or origin in self.origins


def _same(given: str, secret: str) -> bool:
    """Whether `given` is `secret`, in constant time; any text may be given (compared as bytes:
    `compare_digest` refuses a str that is not ASCII)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogatepass"),
                                  secret.encode("utf-8"))


class Guard:
    """ASGI middleware: checks the host, the token and the size before the app sees a request."""

    def __init__(self, app: ASGIApp, keys: Keys, error_page: ErrorPage, *,
                 max_bytes: int) -> None:
        self.app = app
        self.keys = keys
        self.error_page = error_page
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if headers.get("host", "") not in self.keys.hosts:
            await self._refuse(send, 400, "Adresse refusée",
                               "Cette page ne répond qu'à l'adresse affichée par « coopdocs "
                               "serve » (http://127.0.0.1:…).",
                               "ouvrez l'adresse exacte affichée dans le terminal")
            return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(send, 413, "Envoi trop volumineux", self._too_large(),
                               "enregistrez l'étape en plusieurs fois")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get(TOKEN_PARAMETER)
        if given is not None and _same(given, self.keys.token):
            await self._enter(scope, query, send)
            return
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is no token
            cookie = SimpleCookie()
        held = cookie.get(self.keys.cookie)
        if held is None or not _same(held.value, self.keys.token):
            await self._refuse(send, 403, "Accès refusé",
                               "Cette page demande la clé d'accès que « coopdocs serve » a "
                               "affichée en démarrant.",
                               "ouvrez l'adresse complète affichée dans le terminal "
                               "(elle se termine par ?jeton=…)")
            return
        await self.app(scope, self._counting(receive), send)

    def _too_large(self) -> str:
        return (f"La page a reçu plus de {self.max_bytes // (1024 * 1024)} Mo : ce n'est pas "
                "un formulaire de projet.")

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise TooLarge(self._too_large())
            return message

        return counted

    async def _enter(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """The address with the token: set the cookie and go to the same page without it."""
        rest = urlencode({k: v for k, v in query.items() if k != TOKEN_PARAMETER})
        # One leading slash only: « //site.example/x » would send the browser to another site.
        location = "/" + quote(scope.get("path", "/")).lstrip("/") + (f"?{rest}" if rest else "")
        cookie = (f"{self.keys.cookie}={self.keys.token}; Path=/; HttpOnly; "
                  "SameSite=Strict")
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode("latin-1")),
                                (b"set-cookie", cookie.encode("latin-1")),
                                (b"cache-control", b"no-store"),
                                (b"referrer-policy", b"no-referrer"),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, send: Send, status: int, title: str, message: str,
                      hint: str) -> None:
        body = self.error_page(status, title, message, hint)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()),
                                (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": body})
