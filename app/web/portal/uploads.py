"""Read uploaded files from a request into the service's Upload values (bytes read once, size capped)."""
from ...domain.uploads import MAX_BYTES, MAX_FILES
from ...services.bijlagen import Upload
from ..request_limits import MB

#: The request cap of a form with files: every allowed file at its largest, plus the form's own fields.
UPLOAD_FORM_BODY = MAX_FILES * (MAX_BYTES + 1) + MB


def uploads_from(request, field: str = "bijlagen") -> list[Upload]:
    """Every file of `field`; a file over the limit is cut one byte past it so the check names it."""
    omschrijving = request.form.get("bijlage_omschrijving", "")
    return [Upload(filename=f.filename or "", data=f.stream.read(MAX_BYTES + 1), omschrijving=omschrijving)
            for f in request.files.getlist(field) if f and (f.filename or "").strip()]
