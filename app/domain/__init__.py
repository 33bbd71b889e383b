"""Pure domain rules of Cumulus (legal deadlines, BSN); no Flask or SQLAlchemy here."""
