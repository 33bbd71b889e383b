"""Render HTML to PDF with WeasyPrint, here or in a helper process.

`python -m app.jobs.pdf` is that helper: it reads renders from stdin and writes the PDFs to stdout, one frame
each (8-byte big-endian length, then the bytes: the HTML, or — with files to embed — a JSON object
{"html", "attachments": [[name, description, base64]]}; an answer starts with one status byte, 0 = PDF,
1 = error text), and stops when stdin closes — also when its parent is killed. The in-process job thread uses it
(background.render_pdf) so that ~0.1 s of WeasyPrint's Python does not hold the GIL the request threads need;
a plain fresh interpreter, so nothing of the parent's `__main__` runs again in it (as multiprocessing's
spawn would)."""
import base64
import json
import sys


def render_pdf(html: str, attachments=()) -> bytes:
    """The PDF of `html`, with `attachments` — (file name, description, bytes) — embedded as files."""
    from weasyprint import HTML, Attachment  # imported here: loading pango takes a moment; only letters need it
    files = [Attachment(string=data, name=name, description=description) for name, description, data in attachments]
    return HTML(string=html).write_pdf(attachments=files or None)


def request_frame(html: str, attachments=()) -> bytes:
    """The frame asking the helper for the PDF of `html` with `attachments` embedded."""
    if not attachments:
        return html.encode("utf-8")
    files = [[name, description, base64.b64encode(data).decode("ascii")] for name, description, data in attachments]
    return json.dumps({"html": html, "attachments": files}).encode("utf-8")


def _from_frame(frame: bytes) -> tuple[str, list]:
    if frame[:1] != b"{":  # HTML never starts with a brace
        return frame.decode("utf-8"), []
    request = json.loads(frame)
    return request["html"], [(n, d, base64.b64decode(b)) for n, d, b in request["attachments"]]


def write_frame(stream, payload: bytes) -> None:
    stream.write(len(payload).to_bytes(8, "big") + payload)
    stream.flush()


def read_frame(stream) -> bytes | None:
    """The next frame, or None at the end of the stream."""
    header = stream.read(8)
    if len(header) < 8:
        return None
    size = int.from_bytes(header, "big")
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return payload


def serve(stdin, stdout) -> None:
    while (html := read_frame(stdin)) is not None:
        try:
            answer = b"\x00" + render_pdf(*_from_frame(html))
        except Exception as exc:  # the caller raises it; the helper stays up for the next letter
            answer = b"\x01" + f"{type(exc).__name__}: {exc}".encode("utf-8")
        write_frame(stdout, answer)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
