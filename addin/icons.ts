import { deflateSync } from 'node:zlib';

/**
 * The add-in's icons, drawn at build time (Node only; the task pane never imports this): a rounded square in the
 * product's green with a white envelope, as 8-bit RGBA PNGs. Outlook asks 16, 32 and 80 px for the ribbon button,
 * 64 and 128 px for the add-in itself.
 */
export const iconSizes = [16, 32, 64, 80, 128] as const;
export type IconSize = (typeof iconSizes)[number];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes RGBA pixels (row by row, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variants, no interlace
  const raw = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

const green = [0x00, 0x6e, 0x5f];

/** The icon at `size` px: transparent corners, green square, white envelope with its flap. */
export function drawIcon(size: IconSize): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const radius = size * 0.18;
  const inside = (x: number, y: number) => {
    const dx = Math.max(radius - x, 0, x - (size - 1 - radius));
    const dy = Math.max(radius - y, 0, y - (size - 1 - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
  const left = size * 0.2;
  const right = size * 0.8;
  const top = size * 0.3;
  const bottom = size * 0.72;
  const line = Math.max(1, size / 16);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      if (!inside(x + 0.5, y + 0.5)) continue;
      const inEnvelope = x >= left && x <= right && y >= top && y <= bottom;
      // The flap: the two lines from the top corners to the middle, drawn green on white.
      const flapY = top + (Math.abs(x - size / 2) > 0 ? (size / 2 - Math.abs(x - size / 2)) * ((bottom - top) * 0.55) / (size / 2 - left) : 0);
      const onFlap = inEnvelope && Math.abs(y - flapY) <= line / 2 + 0.5 && y > top + line;
      const white = inEnvelope && !onFlap;
      rgba.set(white ? [255, 255, 255, 255] : [...green, 255], at);
    }
  }
  return encodePng(size, size, rgba);
}

/** Width and height from a PNG's IHDR, or null when the bytes are no PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((byte, index) => png[index] !== byte)) return null;
  if (new TextDecoder().decode(png.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
