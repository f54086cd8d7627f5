#!/usr/bin/env python3
"""Renders the small invoice snippets of Tests/Fixtures/small/ used by the reliability tests
(crash, burst and memory runs need hundreds of real images that OCR in a fraction of a
second). Deterministic. Needs Python 3, Pillow (`pip install Pillow`) and Debian's
fonts-dejavu-core. Run from the repository root:

    python3 scripts/render-small-fixtures.py

The tests make each copy unique (so it is not a duplicate) by appending bytes after the
PNG's IEND chunk, which decoders ignore.
"""
import os
import random

from PIL import Image, ImageDraw, ImageFont

OUT = "Tests/Fixtures/small"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

SELLERS = ["CÔNG TY TNHH AN PHÚ", "CỬA HÀNG TIỆN LỢI MINH CHÂU", "ĐIỆN LỰC HOÀN KIẾM", "CẤP NƯỚC SÀI GÒN",
           "VIỄN THÔNG ĐÀ NẴNG", "NHÀ SÁCH PHƯƠNG NAM", "CÔNG TY CP THÉP VIỆT", "SIÊU THỊ HẠNH PHÚC",
           "QUÁN CƠM BÌNH DÂN", "CÔNG TY DƯỢC HẬU GIANG", "XĂNG DẦU PETROLIMEX", "Blue Harbor Trading"]


def main():
    random.seed(20261129)
    os.makedirs(OUT, exist_ok=True)
    font = ImageFont.truetype(FONT, 22)
    bold = ImageFont.truetype(BOLD, 24)
    for index, seller in enumerate(SELLERS, start=1):
        image = Image.new("L", (640, 220), 255)
        draw = ImageDraw.Draw(image)
        total = random.randrange(10, 9999) * 1000
        draw.text((20, 15), seller, font=bold, fill=0)
        draw.text((20, 60), f"HÓA ĐƠN BÁN LẺ  Số: {random.randrange(1, 99999999):08d}", font=font, fill=0)
        draw.text((20, 100), f"Ngày {random.randrange(1, 28):02d}/{random.randrange(1, 12):02d}/2026", font=font, fill=0)
        draw.text((20, 140), f"TỔNG TIỀN: {total:,} đ".replace(",", "."), font=font, fill=0)
        image.save(f"{OUT}/small-{index:02d}.png", dpi=(200, 200), optimize=True)
    print(f"wrote {len(SELLERS)} images to {OUT}")


if __name__ == "__main__":
    main()
