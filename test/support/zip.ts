import { TextWriter, Uint8ArrayReader, ZipReader, configure } from '@zip.js/zip.js/index-native.js';

configure({ useWebWorkers: false });

/** Reads every entry of a zip with zip.js, as text, with the given password. */
export async function readZip(bytes: Uint8Array, password: string): Promise<Record<string, string>> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { password });
  const files: Record<string, string> = {};
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    files[entry.filename] = await entry.getData(new TextWriter());
  }
  await reader.close();
  return files;
}

export type CentralEntry = {
  name: string; method: number; flags: number; aesVendorVersion?: number; aesStrength?: number; aesMethod?: number;
  compressedSize: number; uncompressedSize: number; dosTime: number; dosDate: number;
  /** The ids of the entry's extra fields in the central directory (0x9901 AES, 0x5455 extended timestamp, …). */
  extraIds: number[];
};

/** Parses the central directory by hand: what any tool (or onlooker) sees without the password. */
export function centralDirectory(bytes: Uint8Array): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('bad central directory');
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const entry: CentralEntry = {
      name, method, flags, extraIds: [],
      dosTime: view.getUint16(offset + 12, true), dosDate: view.getUint16(offset + 14, true),
      compressedSize: view.getUint32(offset + 20, true), uncompressedSize: view.getUint32(offset + 24, true),
    };
    let extra = offset + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const size = view.getUint16(extra + 2, true);
      entry.extraIds.push(id);
      if (id === 0x9901) {
        entry.aesVendorVersion = view.getUint16(extra + 4, true);
        entry.aesStrength = view.getUint8(extra + 8);
        entry.aesMethod = view.getUint16(extra + 9, true);
      }
      extra += 4 + size;
    }
    entries.push(entry);
    offset = extraEnd + commentLength;
  }
  return entries;
}


/** The ids of the extra fields of each local file header, in order: what sits next to each entry's data. */
export function localExtraIds(bytes: Uint8Array): number[][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: number[][] = [];
  for (let offset = 0; offset + 30 <= bytes.length; offset++) {
    if (view.getUint32(offset, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const ids: number[] = [];
    for (let extra = offset + 30 + nameLength; extra + 4 <= offset + 30 + nameLength + extraLength; extra += 4 + view.getUint16(extra + 2, true)) {
      ids.push(view.getUint16(extra, true));
    }
    found.push(ids);
    offset += 29 + nameLength + extraLength;
  }
  return found;
}
