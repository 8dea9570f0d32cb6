"""Who is asking: the peer's address, or behind a trusted reverse proxy the client it names
in X-Forwarded-For (the last address there that is not itself a trusted proxy)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from starlette.types import Scope

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class Proxies:
    """The configured proxy addresses (single addresses or networks, e.g. 10.0.0.0/8)."""

    def __init__(self, networks: Iterable[str]) -> None:
        self.networks: tuple[Network, ...] = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        self.trusts = lru_cache(maxsize=1024)(self._trusts)

    def _trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def peer(self, scope: Scope) -> str:
        client = scope.get("client")
        return client[0] if client else ""

    def client(self, scope: Scope, headers: dict[bytes, bytes]) -> str:
        """The client's address: the peer's, unless the peer is a trusted proxy that says who
        it forwards for."""
        peer = self.peer(scope)
        forwarded = headers.get(b"x-forwarded-for")
        if not forwarded or not self.trusts(peer):
            return peer
        for address in reversed([a.strip() for a in forwarded.decode("latin-1").split(",")]):
            if address and not self.trusts(address):
                return address
        return peer
