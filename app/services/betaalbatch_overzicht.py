"""What the backoffice checks in a betaalbatch before it goes to the bank: its lines (aanbieder, declaratie,
amount, the IBAN masked but for its last four characters) and totals. No client data: a line pays a whole
declaratie of an aanbieder, so no person's data is read here."""
from dataclasses import dataclass

from ..domain.sepa import mask_iban
from ..models import Betaalbatch


@dataclass(frozen=True)
class BatchRegel:
    id: int
    aanbieder: str
    agb_code: str
    declaratie_id: int
    declaratienummer: str
    periode_begin: object
    periode_eind: object
    bedrag_cent: int
    #: The IBAN paid to (copied at closing), or the aanbieder's current one while the batch is open.
    iban: str | None
    #: Only a positive net amount becomes a transfer in the pain.001 file.
    in_bestand: bool


@dataclass(frozen=True)
class BatchOverzicht:
    batch: Betaalbatch
    regels: list[BatchRegel]
    #: The sum of the transfers that go into the file, and how many there are.
    te_betalen_cent: int
    aantal_betalingen: int
    #: Aanbieders without an IBAN: the batch cannot be closed until it is filled in.
    zonder_iban: list[str]

    def __getattr__(self, name):
        """The batch's own fields (nummer, status, ...), so the overview reads as the batch with its lines."""
        return getattr(self.batch, name)


def overzicht(batch: Betaalbatch) -> BatchOverzicht:
    regels = []
    for regel in batch.regels:
        iban = regel.iban or (regel.aanbieder.iban if batch.status == "open" else None)
        decl = regel.declaratie
        regels.append(BatchRegel(regel.id, regel.aanbieder.naam, regel.aanbieder.agb_code, decl.id,
                                 decl.declaratienummer, decl.periode_begin, decl.periode_eind, regel.bedrag_cent,
                                 mask_iban(iban) if iban else None, regel.bedrag_cent > 0))
    paid = [r for r in regels if r.in_bestand]
    zonder = sorted({f"{r.aanbieder} (AGB {r.agb_code})" for r in paid if r.iban is None})
    return BatchOverzicht(batch, regels, sum(r.bedrag_cent for r in paid), len(paid), zonder)
