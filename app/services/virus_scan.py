"""Virus scanning of uploads by ClamAV's daemon (clamd), through its unix socket (CLAMD_SOCKET) with the
INSTREAM command of the clamav-client library.

When clamd cannot be reached (no CLAMD_SOCKET, socket gone, timeout), `scan` follows the
configuration: with UPLOAD_SCAN_REQUIRED (always so in production) it raises ScannerUnavailable, so
the upload is refused and nothing is stored unscanned; otherwise (development) it logs a warning and
lets the file through as 'niet gescand'.
"""
import io
import logging
from dataclasses import dataclass

from clamav_client.clamd import ClamdError, ClamdUnixSocket
from flask import current_app

logger = logging.getLogger(__name__)


class ScannerUnavailable(Exception):
    """clamd could not give a verdict while scanning is required."""


@dataclass(frozen=True)
class Verdict:
    #: 'schoon', 'besmet' or 'niet gescand' (development without a scanner only).
    status: str
    #: The signature clamd found, for 'besmet'.
    virus: str | None = None

    @property
    def infected(self) -> bool:
        return self.status == "besmet"


def scan(data: bytes, label: str = "upload") -> Verdict:
    """Ask clamd about `data`; see the module docstring for what happens when it cannot answer."""
    socket_path = current_app.config.get("CLAMD_SOCKET")
    try:
        if not socket_path:
            raise ClamdError("CLAMD_SOCKET is not set")
        client = ClamdUnixSocket(socket_path, timeout=current_app.config.get("CLAMD_TIMEOUT", 30))
        result = client.instream(io.BytesIO(data))
    except (ClamdError, OSError) as exc:
        return _unscanned(label, exc)
    status, virus = result.get("stream", ("ERROR", "no answer"))
    if status == "FOUND":
        logger.warning("Virus %s found in %s; refused", virus, label)
        return Verdict("besmet", virus)
    if status != "OK":
        return _unscanned(label, ClamdError(f"clamd answered {status} {virus}"))
    return Verdict("schoon")


def _unscanned(label: str, exc: Exception) -> Verdict:
    if current_app.config.get("UPLOAD_SCAN_REQUIRED"):
        logger.error("Virus scanner unavailable, %s refused: %s", label, exc)
        raise ScannerUnavailable(str(exc)) from exc
    logger.warning("VIRUS SCANNER UNAVAILABLE: %s is NOT scanned (%s); allowed outside production only", label, exc)
    return Verdict("niet gescand")
