#!/usr/bin/python3
"""Draws the demo ad banners (PNG) committed beside this script; run it only to change them.

Needs Debian's python3-pil and fonts-dejavu-core: /usr/bin/python3 daemon/app/demo_assets/make_banners.py
"""
import os
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def gradient(size, top, bottom):
    w, h = size
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(1, h - 1)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return img


def banner(name, size, top, bottom, lines, ornament, accent):
    img = gradient(size, top, bottom)
    d = ImageDraw.Draw(img)
    ornament(d, size, accent)
    x, y = int(size[1] * 0.18), int(size[1] * 0.16)
    for text, rel, bold, color in lines:
        font = ImageFont.truetype(BOLD if bold else FONT, int(size[1] * rel))
        d.text((x, y), text, font=font, fill=color)
        y += int(size[1] * rel * 1.35)
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    img.save(os.path.join(HERE, name), optimize=True)


def loaves(d, size, color):
    w, h = size
    for i, (cx, cy, r) in enumerate([(w - 200, h * 0.62, 90), (w - 95, h * 0.7, 60), (w - 300, h * 0.78, 55)]):
        d.ellipse([cx - r * 1.4, cy - r, cx + r * 1.4, cy + r], fill=color, outline=(90, 50, 20), width=4)
        for k in (-1, 0, 1):
            d.arc([cx - r * 0.9 + k * r * 0.5, cy - r * 0.6, cx - r * 0.3 + k * r * 0.5, cy + r * 0.6], 250, 110,
                  fill=(250, 230, 190), width=5)


def windows(d, size, color):
    w, h = size
    for col in range(3):
        for row in range(2):
            x0, y0 = w - 330 + col * 100, 50 + row * 120
            d.rectangle([x0, y0, x0 + 80, y0 + 100], outline=color, width=6)
            d.line([x0 + 40, y0, x0 + 40, y0 + 100], fill=color, width=4)
            d.line([x0 + 12, y0 + 20, x0 + 30, y0 + 8], fill=(255, 255, 255), width=4)


def envelope(d, size, color):
    w, h = size
    x0, y0, x1, y1 = w - 330, 70, w - 70, 250
    d.rectangle([x0, y0, x1, y1], fill=(255, 255, 255), outline=color, width=6)
    d.line([x0, y0, (x0 + x1) / 2, (y0 + y1) / 2 + 10, x1, y0], fill=color, width=6)
    d.ellipse([x1 - 50, y1 - 50, x1 + 30, y1 + 30], fill=(46, 160, 90))
    d.line([x1 - 28, y1 - 8, x1 - 12, y1 + 8, x1 + 12, y1 - 22], fill=(255, 255, 255), width=8)


def paw(d, size, color):
    w, h = size
    cx, cy = w - 90, h / 2 + 10
    d.ellipse([cx - 32, cy - 20, cx + 32, cy + 34], fill=color)
    for dx, dy in ((-38, -34), (-14, -56), (14, -56), (38, -34)):
        d.ellipse([cx + dx - 12, cy + dy - 14, cx + dx + 12, cy + dy + 14], fill=color)


WHITE = (255, 255, 255)
banner("piekarnia.png", (960, 320), (214, 137, 60), (150, 82, 30), [
    ("Piekarnia Pod Lazurem", 0.13, True, WHITE),
    ("Chleb na zakwasie i drożdżówki codziennie od 6:00", 0.065, False, (255, 240, 215)),
    ("ul. Lazurowa 10 · −10% dla mieszkańców z kartą", 0.065, False, (255, 240, 215)),
], loaves, (226, 170, 95))
banner("krysztal.png", (960, 320), (70, 150, 220), (25, 80, 160), [
    ("Kryształ — mycie okien", 0.13, True, WHITE),
    ("Okna, balkony i loggie — także na wysokości", 0.065, False, (225, 240, 255)),
    ("Jesienna promocja: 3 okna za 99 zł · +48 530 118 442", 0.065, False, (225, 240, 255)),
], windows, (235, 245, 255))
banner("e-faktura.png", (960, 320), (32, 140, 130), (15, 85, 95), [
    ("Włącz e-fakturę", 0.14, True, WHITE),
    ("Zawiadomienia o opłatach prosto na e-mail.", 0.065, False, (220, 250, 245)),
    ("Moje konto → Powiadomienia · SM „Lazurowa”", 0.065, False, (220, 250, 245)),
], envelope, (15, 85, 95))
banner("weterynarz.png", (640, 160), (250, 244, 230), (236, 224, 200), [
    ("Przychodnia Weterynaryjna Łapa", 0.15, True, (80, 60, 40)),
    ("Szczepienia, czipowanie · ul. Górczewska 204", 0.095, False, (110, 90, 70)),
], paw, (150, 110, 70))
