#!/usr/bin/env python3
"""Makes the kiosk's fonts: BIZ UDPGothic (regular, bold) and BIZ UDGothic (regular, for receipts), cut down to
the characters a kiosk screen can need, so that Japanese renders on any machine without a font package.

Kept: ASCII, Latin-1, general punctuation, CJK symbols, kana, full- and half-width forms, every character of
JIS X 0208 rows 1-47 (symbols, kana, all level-1 kanji), and every character of the message bundles.

    sudo apt-get install fonts-morisawa-bizud-gothic python3-fonttools
    /usr/bin/python3 assets/fonts/subset-fonts.py

FontsTest (kiosk-ui) fails when a bundle holds a character these files cannot show: run this again then.
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = "/usr/share/fonts/truetype/bizud-gothic"
TARGET = os.path.join(ROOT, "assets/src/main/resources/com/valuekiosk/assets/fonts")
FONTS = ["BIZUDPGothic-Regular", "BIZUDPGothic-Bold", "BIZUDGothic-Regular"]
BUNDLES = ["assets/src/main/resources/com/valuekiosk/assets/i18n/*.properties",
           "kiosk-app/*/src/main/resources/**/*.properties"]


def characters():
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for first, last in [(0x2010, 0x2070), (0x3000, 0x3100), (0xFF00, 0xFFF0)]:
        chars |= {chr(c) for c in range(first, last)}
    for high in range(0xA1, 0xD0):  # EUC-JP rows 1-47 of JIS X 0208
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("euc_jp"))
            except UnicodeDecodeError:
                pass
    for pattern in BUNDLES:
        for name in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            with open(name, encoding="utf-8") as bundle:
                chars |= set(bundle.read())
    return "".join(sorted(c for c in chars if c.isprintable()))


def main():
    text = os.path.join(TARGET, ".characters.txt")
    with open(text, "w", encoding="utf-8") as out:
        out.write(characters())
    try:
        for font in FONTS:
            subprocess.run([sys.executable, "-m", "fontTools.subset", os.path.join(SOURCE, font + ".ttf"),
                            "--text-file=" + text, "--output-file=" + os.path.join(TARGET, font + ".ttf"),
                            "--layout-features=*", "--name-IDs=*", "--name-languages=*"], check=True)
    finally:
        os.remove(text)


if __name__ == "__main__":
    main()
