"""A simulated aanbieder system: each round it polls its outbox, answers every new 301 with a 302
(now and then a refusal), starts zorg (305), declares the last full month of delivered care (323),
now and then asks for a change (317) or sends an XSD-faulty message, and collects the retouren."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from iwmo_messages import parse
from iwmo_messages.spec import message_name

from .berichten import (Levering, answer_301, answer_319, declaratie, leveringen, not_xsd_valid, start_zorg,
                        verzoek_om_wijziging)
from .client import AanbiederApi


@dataclass(frozen=True)
class Gedrag:
    """How often the aanbieder refuses a toewijzing, asks for a change, or sends a faulty message."""

    weigeren: float = 0.1
    wijzigen: float = 0.1
    foutief: float = 0.05


@dataclass
class Verzonden:
    """One message the aanbieder sent and what came back."""

    bericht: str
    id: int
    retour: str


@dataclass
class Verslag:
    """What happened in the rounds: messages received, sent (with their outcome)."""

    ontvangen: list[str] = field(default_factory=list)
    verzonden: list[Verzonden] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"ontvangen": self.ontvangen,
                "verzonden": [{"bericht": v.bericht, "id": v.id, "retour": v.retour} for v in self.verzonden]}


class SimulatedAanbieder:
    """An aanbieder's back-office system on the API; remembers what it started and declared."""

    def __init__(self, api: AanbiederApi, agb: str, tarieven: dict[str, int], gedrag: Gedrag = Gedrag(),
                 seed: int | None = None, wait_seconds: float = 30.0):
        self.api, self.agb, self.tarieven, self.gedrag = api, agb, tarieven, gedrag
        self.rng = random.Random(seed)
        self.wait_seconds = wait_seconds
        self.gestart: list[tuple[bytes, Levering]] = []
        self.gedeclareerd: set[tuple[int, date]] = set()
        self._last_id = 0

    def run(self, rounds: int = 1, interval: float = 5.0, today: date | None = None) -> Verslag:
        verslag = Verslag()
        for n in range(rounds):
            if n:
                time.sleep(interval)
            self.run_round(verslag, today or date.today())
        return verslag

    def run_round(self, verslag: Verslag, today: date) -> None:
        for item in sorted(self.api.outbox("nieuw"), key=lambda i: i["id"]):
            xml = self.api.download(item["id"])
            verslag.ontvangen.append(item["bericht"])
            if item["bericht"].endswith("301"):
                self._answer_toewijzing(verslag, xml, today)
            elif item["bericht"].endswith("319"):  # IV028: a retour on the antwoord op een verzoek
                self._send(verslag, answer_319(xml, self._id("R"), today), expect_retour=False)
        self._declare(verslag, today)

    def _answer_toewijzing(self, verslag: Verslag, xml_301: bytes, today: date) -> None:
        if self._chance(self.gedrag.foutief):  # a faulty system: refused on the XSD, then sent again fixed
            self._send(verslag, not_xsd_valid(answer_301(xml_301, self._id("F"), today)), expect_retour=False)
        if self._chance(self.gedrag.weigeren):
            self._send(verslag, answer_301(xml_301, self._id("W"), today, refuse=True), expect_retour=False)
            return
        self._send(verslag, answer_301(xml_301, self._id("A"), today), expect_retour=False)
        producten = [lev for lev in leveringen(xml_301) if lev.ingangsdatum <= today]
        if not producten:
            return  # care starts later; the 305 follows then
        self._send(verslag, start_zorg(xml_301, self._id("S"), min(lev.ingangsdatum for lev in producten)))
        self.gestart.extend((xml_301, lev) for lev in producten)
        if self._chance(self.gedrag.wijzigen):
            einde = max(today, max(lev.ingangsdatum for lev in producten)) + timedelta(days=90)
            self._send(verslag, verzoek_om_wijziging(xml_301, self._id("V"), self._id("V"), today, einde))

    def _declare(self, verslag: Verslag, today: date) -> None:
        """One 323 with every started toewijzing delivered in the last full month, not yet declared."""
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        items = []
        for _, lev in self.gestart:
            if lev.ingangsdatum < today.replace(day=1) and (lev.toewijzing_nummer, month) not in self.gedeclareerd:
                tarief = self.tarieven.get(lev.code or "", 0)
                volume = min(lev.budget, 10 * tarief) if lev.budget is not None else min(lev.volume or 10, 10)
                items.append((lev, volume, tarief))
                self.gedeclareerd.add((lev.toewijzing_nummer, month))
        by_standaard: dict[str, list] = {}
        for item in items:
            by_standaard.setdefault(item[0].standaard, []).append(item)
        for group in by_standaard.values():
            nummer = self._id("D")
            self._send(verslag, declaratie(self.agb, group, month, nummer, nummer, today))

    def _send(self, verslag: Verslag, xml: bytes, expect_retour: bool = True) -> None:
        bericht_id = self.api.send(xml)
        outcome = self.api.retour(bericht_id, self.wait_seconds)
        verslag.verzonden.append(Verzonden(_naam(xml), bericht_id, _outcome(outcome, expect_retour)))

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    def _id(self, kind: str) -> str:
        """A BerichtIdentificatie (at most 12 characters) unique for this system: kind + time in base 36."""
        self._last_id = max(self._last_id + 1, time.time_ns() // 1000)
        return kind + _base36(self._last_id)


def _naam(xml: bytes) -> str:
    try:
        msg = parse(xml)
        return message_name(msg.standaard, msg.NUMMER)
    except Exception:  # the deliberately faulty ones
        return "foutief bericht"


def _outcome(retour, expect_retour: bool) -> str:
    """What the aanbieder learnt; a 302 is itself a retour, so only its refusal (422) tells."""
    if retour.status_code == 202:
        return "nog in behandeling"
    if not expect_retour:
        return "afgekeurd" if retour.status_code == 422 else "aangenomen"
    if retour.status_code == 200:
        msg = parse(retour.xml)
        return f"{message_name(msg.standaard, msg.NUMMER)} ontvangen"
    return f"geen retour ({retour.status_code}): {(retour.detail or {}).get('detail', '')}".strip()


def _base36(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out or "0"
