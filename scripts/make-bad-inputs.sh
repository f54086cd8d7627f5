#!/usr/bin/env bash
# Makes Tests/Fixtures/bad-inputs/: broken, hostile and odd files for the reliability tests
# (the kinds users' inboxes really receive). Deterministic apart from encoder versions.
# Needs ImageMagick (`apt-get install imagemagick`) and Python 3. Run from the repo root:
#   scripts/make-bad-inputs.sh
# Names that git cannot carry well (newlines, very long names), symlinks, FIFOs and folders
# named like images are made by the tests themselves at run time.
set -euo pipefail
out=Tests/Fixtures/bad-inputs
src=Tests/Fixtures/invoices/vat-bilingual-01.png
small=Tests/Fixtures/small/small-01.png
rm -rf "$out" && mkdir -p "$out"

: > "$out/empty.png"
convert "$src" -quality 80 /tmp/invoiced-full.jpg
head -c $(( $(stat -c %s /tmp/invoiced-full.jpg) / 3 )) /tmp/invoiced-full.jpg > "$out/truncated.jpg"
head -c 3000 "$src" > "$out/truncated.png"
convert "$small" -compress lzw /tmp/invoiced-full.tif
head -c $(( $(stat -c %s /tmp/invoiced-full.tif) / 2 )) /tmp/invoiced-full.tif > "$out/truncated.tif"
printf 'Hóa đơn tháng 10: xem file đính kèm\n' > "$out/text-named.jpg"
printf '<!doctype html><html><body><img src="scan.png"></body></html>\n' > "$out/page-named.png"
python3 - "$out" "$small" <<'PY'
import struct, sys, zipfile, zlib
out, small = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(f"{out}/archive-named.jpg", "w") as z:
    z.write(small, "scan.png")
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
def png(width, height, depth, color, rows):
    raw = zlib.compressobj(9)
    body = b"".join(raw.compress(b"\x00" + row) for row in rows) + raw.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))
# A real decompression bomb: 30000x30000 1-bit pixels (900 megapixels) in ~100 KB.
row = b"\xff" * (30000 // 8)
with open(f"{out}/bomb-30000x30000.png", "wb") as f:
    f.write(png(30000, 30000, 1, 0, (row for _ in range(30000))))
# A header that lies: claims 100000x100000 but carries one row.
with open(f"{out}/lying-header.png", "wb") as f:
    f.write(png(100000, 100000, 1, 0, [b"\x00" * 12500]))
# Bit flips in the middle of a good PNG's compressed data.
data = bytearray(open(small, "rb").read())
for i in range(len(data) // 2, len(data) // 2 + 40):
    data[i] ^= 0x5A
open(f"{out}/corrupted-middle.png", "wb").write(bytes(data))
PY
convert -size 1x1 xc:white "$out/one-pixel.png"
convert "$src" -colorspace CMYK -quality 70 "$out/cmyk.jpg"
convert "$small" -depth 16 "$out/sixteen-bit.png"
convert "$small" \( -size 640x220 xc:gray \) -loop 0 "$out/multi-frame.gif"
convert "$small" -type truecolor BMP3:"$out/bitmap.bmp"
convert "$small" -compress RLE BMP3:"$out/rle-compressed.bmp"
convert "$small" "$out/portable.pnm"
convert "$small" -quality 60 "$out/webp-image.webp"
# Legal but huge: 7000x8000 (56 megapixels, under the 60 MP default limit), mostly blank.
convert -size 7000x8000 xc:white -font DejaVu-Sans -pointsize 120 -draw "text 400,600 'HÓA ĐƠN BÁN LẺ 123.000 đ'" -depth 1 "$out/huge-legal.png"
cp Tests/Fixtures/small/small-05.png "$out/name with spaces.png"
cp Tests/Fixtures/small/small-02.png "$out/hóa đơn tiếng Việt.png"
cp Tests/Fixtures/small/small-03.png "$out/hóa đơn 🧾.png"
cp -- Tests/Fixtures/small/small-04.png "$out/-rf --leading-dash.png"
printf '%%PDF-1.4\n%%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' > "$out/document-named.jpg"
rm -f /tmp/invoiced-full.jpg /tmp/invoiced-full.tif
ls -la "$out"
