"""The objective figures of a contracted aanbieder on its public kaart page (app/services/kwaliteit.py
`publieke_cijfers`): offered to the kaart templates as `kaart_kwaliteit(entry)`, read by _kaart_kwaliteit.html."""
from ...services.kwaliteit import publieke_cijfers
from . import bp


@bp.context_processor
def _kwaliteit():
    def kaart_kwaliteit(entry):
        """The figures of the entry's aanbieder in the entry's gemeente; None for an entry that is no aanbieder."""
        aanbieder_id = getattr(entry.organisatie, "aanbieder_id", None)
        if entry.soort != "maatwerk" or aanbieder_id is None:
            return None
        return publieke_cijfers(aanbieder_id, entry.gemeente_id)
    return {"kaart_kwaliteit": kaart_kwaliteit}
