"""The security headers every response carries (NCSC web guidelines, OWASP ASVS 14.4): one after-request
hook decides them all, so no view sets or weakens them itself.

Pages get a strict Content-Security-Policy: scripts, styles, fonts and fetches only from this origin, no inline
script or style, nothing framed or framing. Stored content (a beschikking's HTML, an uploaded bijlage) is served
as `StoredContent` and gets a sandbox policy instead: it runs no script and loads nothing (its images are data:). Every response
that is not a static asset is `no-store`, because nearly every page and API answer holds someone's data.
"""
from flask import Flask, Response, current_app, request

PAGE_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # the NL Design System and bpmn-js CSS draw icons as data: SVGs
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

#: For stored HTML and files: the beschikking carries its own <style> and the gemeente's logo as a data: image (it
#: is also the PDF's source), nothing else: a data: image loads nothing from anywhere.
STORED_CONTENT_POLICY = "; ".join((
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "sandbox",
))

#: Browser features no page of Cumulus uses, off for this origin and anything it might embed (only names
#: Chromium knows: an unknown one is a console warning on every page).
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
))

FIXED_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


class StoredContent(Response):
    """A response whose body is stored content rather than one of our pages: it gets the sandbox policy."""


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Set the security headers on `response`, overriding whatever a view put there."""
    headers = response.headers
    headers.update(FIXED_HEADERS)
    headers["Content-Security-Policy"] = (STORED_CONTENT_POLICY if isinstance(response, StoredContent)
                                          else PAGE_POLICY)
    if not (_is_static_asset() and response.status_code < 400):  # an error page may name the user
        headers["Cache-Control"] = "no-store"
    hsts = current_app.config.get("STRICT_TRANSPORT_SECURITY")
    if hsts:
        headers["Strict-Transport-Security"] = hsts
    return response


def _is_static_asset() -> bool:
    """Our CSS, JS and vendor files: the same for everyone, so browsers may cache them."""
    return request.endpoint == "static"
