"""The aanbieder API as a care provider's system calls it over HTTP: its outbox, downloading a
message, posting one, and polling for the retourbericht."""
from __future__ import annotations

import time
from dataclasses import dataclass

import requests


class ApiError(RuntimeError):
    """The API answered something an aanbieder system cannot continue with."""


@dataclass(frozen=True)
class Retour:
    """The outcome of an inbound message: the retour XML, or why there is none (status code + detail)."""

    status_code: int
    xml: bytes | None
    detail: dict | None


class AanbiederApi:
    """`/api/v1/aanbieder/berichten` with a Bearer token bound to one AGB code."""

    def __init__(self, base_url: str, token: str, timeout: float = 30.0):
        self.base = base_url.rstrip("/") + "/api/v1/aanbieder/berichten"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def outbox(self, status: str | None = "nieuw", limit: int = 500) -> list[dict]:
        params = {"limit": limit, **({"status": status} if status else {})}
        return self._ok(self.session.get(self.base, params=params, timeout=self.timeout)).json()["results"]

    def download(self, bericht_id: int) -> bytes:
        return self._ok(self.session.get(f"{self.base}/{bericht_id}", timeout=self.timeout)).content

    def send(self, xml: bytes) -> int:
        """Post one iWmo/iJw message; the id of the stored bericht. The API answers 202 (being handled),
        or 400/422 for a message refused at controleniveau 1, which is stored all the same."""
        response = self.session.post(self.base, data=xml, headers={"Content-Type": "application/xml"},
                                     timeout=self.timeout)
        stored_but_refused = response.status_code in (400, 422) and "id" in (_json_or_none(response) or {})
        if response.status_code != 202 and not stored_but_refused:
            raise ApiError(f"POST gaf {response.status_code}: {response.text[:500]}")
        return response.json()["id"]

    def retour(self, bericht_id: int, wait_seconds: float = 30.0, interval: float = 0.2) -> Retour:
        """The retour of a sent message, polling while the gemeente is still handling it (202)."""
        deadline = time.monotonic() + wait_seconds
        while True:
            response = self.session.get(f"{self.base}/{bericht_id}/retour", timeout=self.timeout)
            if response.status_code != 202 or time.monotonic() >= deadline:
                break
            time.sleep(interval)
        if response.status_code == 200:
            return Retour(200, response.content, None)
        return Retour(response.status_code, None, _json_or_none(response))

    def _ok(self, response: requests.Response) -> requests.Response:
        if response.status_code != 200:
            raise ApiError(f"{response.request.method} {response.url} gaf {response.status_code}: "
                           f"{response.text[:500]}")
        return response


def _json_or_none(response: requests.Response) -> dict | None:
    try:
        return response.json()
    except ValueError:
        return None
