"""What a rapportage is about: the gemeenten (one, or all the user works for: the samenwerkingsverband), the
periods (months or quarters of a year, or three years), and the filters wijk, team, productcategorie and
aanbieder. Reading the filters checks each one and names the field in Dutch when it is wrong."""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from ... import db
from ...domain.deadlines import MONTHS_NL
from ...domain.input import is_digits
from ...models import Aanbieder, Gemeente, Person, Product, User, UserWijk
from ...models.gemeente import user_gemeente
from ..errors import InvalidInput

PER = {"maand": "Per maand", "kwartaal": "Per kwartaal", "jaar": "Per jaar"}
FIRST_YEAR = 2015  # the Wmo 2015 and the Jeugdwet


@dataclass(frozen=True)
class Filters:
    """The filters as asked for, each checked on its own (not yet against the user's gemeenten)."""

    gemeente: str | None = None
    jaar: int = field(default_factory=lambda: date.today().year)
    per: str = "maand"
    wijk: str | None = None
    team: str | None = None
    categorie: str | None = None
    aanbieder_id: int | None = None

    def as_args(self) -> dict:
        """The filters as query arguments (for export links), without the empty ones."""
        args = {"gemeente": self.gemeente, "jaar": self.jaar, "per": self.per, "wijk": self.wijk,
                "team": self.team, "categorie": self.categorie, "aanbieder": self.aanbieder_id}
        return {k: v for k, v in args.items() if v not in (None, "")}


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Scope:
    gemeente_ids: tuple[int, ...]
    #: 'Gemeente Woerden' or 'Samenwerkingsverband (Gemeente Oudewater, Gemeente Woerden)'.
    label: str
    filters: Filters
    periods: tuple[Period, ...]
    #: The wijken the figures are limited to (wijk or team filter); None: every wijk.
    wijken: frozenset | None
    today: date
    #: The rows read for this scope (bron.py), so that the tables of one dashboard read each source once.
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def start(self) -> date:
        return self.periods[0].start

    @property
    def end(self) -> date:
        return self.periods[-1].end

    def period_of(self, day: date | None) -> int | None:
        """The index of the period `day` falls in, or None."""
        days = self.memo.get("period_of_day")
        if days is None:  # every day of the periods → its period: a look-up for each of thousands of rows
            days = self.memo["period_of_day"] = {p.start + timedelta(days=n): i for i, p in enumerate(self.periods)
                                                 for n in range((p.end - p.start).days + 1)}
        return days.get(day)

    def bucket(self, items) -> list[list]:
        """`items` of (day, value) sorted into the periods: one list of values per period, and one of them all."""
        out = [[] for _ in self.periods]
        every = []
        for day, value in items:
            i = self.period_of(day)
            if i is not None:
                out[i].append(value)
                every.append(value)
        return out + [every]

    def in_wijken(self, wijk: str | None) -> bool:
        return self.wijken is None or wijk in self.wijken


def parse_filters(args: Mapping, today: date | None = None) -> Filters:
    """Check the query arguments; InvalidInput names each wrong field."""
    today, errors = today or date.today(), {}
    gemeente = (args.get("gemeente") or "").strip() or None
    if gemeente and not (len(gemeente) == 4 and is_digits(gemeente)):
        errors["gemeente"] = "Kies bij 'Gemeente' een gemeente uit de lijst (een CBS-code van vier cijfers)."
    jaar = _int(args.get("jaar"), today.year)
    if jaar is None or not FIRST_YEAR <= jaar <= today.year + 1:
        errors["jaar"] = f"Kies bij 'Jaar' een jaar van {FIRST_YEAR} tot en met {today.year + 1}."
    per = (args.get("per") or "maand").strip()
    if per not in PER:
        errors["per"] = "Kies bij 'Periode' per maand, per kwartaal of per jaar."
    categorie = (args.get("categorie") or "").strip() or None
    if categorie and not (len(categorie) == 2 and is_digits(categorie)):
        errors["categorie"] = "Kies bij 'Productcategorie' een categorie uit de lijst."
    aanbieder = _int(args.get("aanbieder"), None)
    if args.get("aanbieder") and (aanbieder is None or not 1 <= aanbieder <= 2**31 - 1):
        errors["aanbieder"] = "Kies bij 'Aanbieder' een aanbieder uit de lijst."
    wijk, team = (_text(args.get(name)) for name in ("wijk", "team"))
    for name, value in (("wijk", wijk), ("team", team)):
        if value is not None and (len(value) > 100 or any(ord(ch) < 32 for ch in value)):
            errors[name] = f"Kies bij '{name.capitalize()}' een {name} uit de lijst."
    if errors:
        raise InvalidInput("De filters zijn niet goed ingevuld.", errors=errors)
    return Filters(gemeente, jaar, per, wijk, team, categorie, aanbieder)


def build_scope(user, filters: Filters, gemeente: Gemeente | None, today: date | None = None) -> Scope:
    """The scope of `filters` for `user`: `gemeente` (already allowed by the policy), else all of theirs."""
    today = today or date.today()
    if gemeente is not None:
        ids, label = (gemeente.id,), gemeente.naam
    else:
        ids = tuple(sorted(user.gemeente_ids))
        names = ", ".join(g.naam for g in sorted(user.gemeenten, key=lambda g: g.naam))
        label = f"Samenwerkingsverband ({names})" if len(ids) > 1 else names
    wijken = None
    if filters.wijk:
        wijken = frozenset({filters.wijk})
    if filters.team:
        team_wijken = team_wijken_of(filters.team, ids)
        wijken = team_wijken if wijken is None else wijken & team_wijken
    return Scope(ids, label, filters, periods(filters.jaar, filters.per), wijken, today)


def team_wijken_of(team: str, gemeente_ids) -> frozenset:
    """The wijken the members of `team` work in, in these gemeenten (a team's zaken are its wijken' zaken)."""
    return frozenset(db.session.scalars(
        select(UserWijk.wijk).join(User, User.id == UserWijk.user_id)
        .where(User.team == team, User.active.is_(True), UserWijk.gemeente_id.in_(gemeente_ids))))


def periods(jaar: int, per: str) -> tuple[Period, ...]:
    if per == "jaar":
        return tuple(Period(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(jaar - 2, jaar + 1))
    if per == "kwartaal":
        return tuple(Period(f"{q}e kwartaal {jaar}", date(jaar, 3 * q - 2, 1), _month_end(jaar, 3 * q))
                     for q in range(1, 5))
    return tuple(Period(f"{MONTHS_NL[m - 1]} {jaar}", date(jaar, m, 1), _month_end(jaar, m)) for m in range(1, 13))


def filter_options(user) -> dict:
    """What the filters offer this user: only their gemeenten, and those gemeenten' wijken and teams."""
    ids = sorted(user.gemeente_ids)
    return {
        "gemeenten": sorted(user.gemeenten, key=lambda g: g.naam),
        "wijken": sorted(w for w in db.session.scalars(
            select(Person.wijk).where(Person.gemeente_id.in_(ids), Person.wijk.is_not(None)).distinct())),
        "teams": sorted(t for t in db.session.scalars(
            select(User.team).join(user_gemeente, user_gemeente.c.user_id == User.id)
            .where(user_gemeente.c.gemeente_id.in_(ids), User.team.is_not(None)).distinct())),
        "categorieen": categorieen(),
        "aanbieders": list(db.session.execute(select(Aanbieder.id, Aanbieder.naam).order_by(Aanbieder.naam))),
    }


def categorieen() -> list[tuple[str, str, str]]:
    """(productcategorie, domein, a name from its products) of the catalogue, Wmo first."""
    seen = {}
    for cat, domein, omschrijving in db.session.execute(
            select(Product.productcategorie, Product.domein, Product.omschrijving).order_by(Product.productcode)):
        seen.setdefault(cat, (cat, domein, omschrijving.split(",")[0]))
    return sorted(seen.values(), key=lambda c: (c[1] != "wmo", c[0]))


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _int(raw, default):
    if raw in (None, ""):
        return default
    raw = str(raw).strip()
    return int(raw) if is_digits(raw) and len(raw) <= 10 else None


def _text(raw) -> str | None:
    return (str(raw).strip() or None) if raw is not None else None
