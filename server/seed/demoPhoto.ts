/**
 * Small generated photos for the demo's progress reports: a real PNG (so the evidence viewer shows an
 * image), different per report, built without any image library — PNG is zlib-deflated scanlines plus
 * CRC-checked chunks.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A `width`×`height` RGB picture: a sky-to-field gradient tinted by `hue` (0–1), with a few bands. */
export function demoPhoto(hue: number, width = 240, height = 160): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const tint = (base: number, shift: number) => Math.round(base + 60 * Math.sin(2 * Math.PI * (hue + shift)));
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    const sky = y < height * 0.55;
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x + y / 2) / 40) % 2 === 0 ? 0 : 12;
      const o = row + 1 + x * 3;
      raw[o] = Math.max(0, Math.min(255, (sky ? tint(150, 0) : tint(90, 0.3)) + band));
      raw[o + 1] = Math.max(0, Math.min(255, (sky ? tint(190, 0.1) : tint(150, 0.5)) + band));
      raw[o + 2] = Math.max(0, Math.min(255, (sky ? 235 : tint(80, 0.7)) - (y * 40) / height));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
