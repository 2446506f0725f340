"""A valid PDF test fixture of a chosen size: one A4 page with a title and a big uncompressed RGB image (noise from a
seeded generator, so the bytes — and their SHA-256 — are the same on every run)."""
from __future__ import annotations

import random


def make_pdf(target_bytes: int = 20 * 1000 * 1000, seed: int = 2025) -> bytes:
    width = 2000
    height = max(1, target_bytes // (width * 3))
    pixels = random.Random(seed).randbytes(width * height * 3)
    content = (b"BT /F1 24 Tf 72 780 Td (Osiedle - dokument testowy 20 MB) Tj ET\n"
               b"q 451 0 0 640 72 100 cm /Im1 Do Q\n")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % (width, height, len(pixels)) + pixels + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


if __name__ == "__main__":
    import hashlib
    import sys
    data = make_pdf()
    sys.stdout.buffer.write(data) if not sys.stdout.isatty() else print(len(data), hashlib.sha256(data).hexdigest())
