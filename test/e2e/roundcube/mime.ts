// A small RFC 5322 / MIME reader for the end-to-end tests: enough to check what Roundcube stored as a draft.
// Headers (folded, RFC 2047 encoded-words, raw UTF-8), multipart/* at any depth, base64 / quoted-printable /
// 7bit / 8bit / binary bodies, charsets, format=flowed text, and attachment names from Content-Disposition or
// Content-Type (plain, RFC 2047 inside quotes as Roundcube writes them, and RFC 2231 filename*=).
//
// Internally a message is handled as a "binary string": one character per byte (0-255). Boundaries and header
// syntax are ASCII, so that is safe, and bytes are only decoded to text where the charset is known.

export type MimeAttachment = { filename: string; contentType: string; bytes: Uint8Array };

export type ParsedMessage = {
  /** Lower-case field names; values unfolded and decoded. A repeated field keeps its first value. */
  headers: Record<string, string>;
  /** The text/plain body (every inline text/plain part, joined by a newline), with \n line ends. '' when none. */
  text: string;
  /** The first inline text/html body, with \n line ends; null when the message has none. */
  html: string | null;
  attachments: MimeAttachment[];
};

type RawField = { name: string; value: string }; // value: unfolded binary string
type ParameterValue = { value: string; params: Map<string, string> };

const maxDepth = 32;

/** Parses a whole message. A string is taken as the message's text and encoded as UTF-8 first. */
export function parseMessage(source: Uint8Array | string): ParsedMessage {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  const { fields, body } = splitEntity(bytesToBinary(bytes));
  const decoded = new Map<string, string>();
  for (const field of fields) {
    if (!decoded.has(field.name)) decoded.set(field.name, decodeFieldText(field.value));
  }
  const headers = Object.fromEntries(decoded); // own properties only, even for a field called __proto__
  const result = { texts: [] as string[], html: null as string | null, attachments: [] as MimeAttachment[] };
  walk(fields, body, 'text/plain', result, 0);
  return { headers, text: result.texts.join('\n'), html: result.html, attachments: result.attachments };
}

/** The bare addresses in an address header value such as `"Peeters, Jan" <jan@example.be>, an@example.org`. */
export function mailAddresses(value: string): string[] {
  const withoutQuoted = value.replace(/"(?:[^"\\]|\\.)*"/gu, '""');
  const found: string[] = [];
  for (const item of withoutQuoted.split(',')) {
    const angle = /<([^<>\s]+@[^<>\s]+)>/u.exec(item);
    const bare = /([^\s<>"(),;:]+@[^\s<>"(),;:]+)/u.exec(item);
    const address = angle?.[1] ?? bare?.[1];
    if (address) found.push(address);
  }
  return found;
}

// ------------------------------------------------------------------------------------------------ structure

function walk(
  fields: RawField[],
  body: string,
  defaultType: string,
  result: { texts: string[]; html: string | null; attachments: MimeAttachment[] },
  depth: number,
): void {
  if (depth > maxDepth) throw new Error(`MIME structure nested deeper than ${maxDepth} levels`);
  const contentType = parseParameterized(field(fields, 'content-type') ?? defaultType);
  const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/u.test(contentType.value) ? contentType.value : defaultType;

  if (type.startsWith('multipart/')) {
    const boundary = contentType.params.get('boundary');
    if (boundary) {
      const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      for (const part of splitMultipart(body, boundary)) {
        const child = splitEntity(part);
        walk(child.fields, child.body, childDefault, result, depth + 1);
      }
      return;
    }
    // A multipart without a boundary cannot be split: keep its bytes as an attachment below.
  }

  const disposition = parseParameterized(field(fields, 'content-disposition') ?? '');
  const filename = disposition.params.get('filename') ?? contentType.params.get('name') ?? '';
  const bytes = decodeTransfer(body, field(fields, 'content-transfer-encoding') ?? '');
  const isBodyText = (type === 'text/plain' || type === 'text/html') && disposition.value !== 'attachment' && filename === '';

  if (!isBodyText) {
    result.attachments.push({ filename, contentType: type, bytes });
    return;
  }
  let text = decodeCharset(bytes, contentType.params.get('charset') ?? 'us-ascii');
  if (type === 'text/plain' && contentType.params.get('format')?.toLowerCase() === 'flowed') {
    text = unflow(text, contentType.params.get('delsp')?.toLowerCase() === 'yes');
  }
  text = text.replace(/\r\n?/gu, '\n');
  if (type === 'text/plain') result.texts.push(text);
  else result.html ??= text;
}

function field(fields: RawField[], name: string): string | undefined {
  return fields.find((candidate) => candidate.name === name)?.value;
}

/** Splits an entity (a message or a body part) into its header fields and its body, both binary strings. */
function splitEntity(entity: string): { fields: RawField[]; body: string } {
  let headEnd: number;
  let bodyStart: number;
  const leadingBreak = /^\r?\n/u.exec(entity);
  if (leadingBreak) {
    headEnd = 0;
    bodyStart = leadingBreak[0].length;
  } else {
    const blank = /\r?\n\r?\n/u.exec(entity);
    headEnd = blank ? blank.index : entity.length;
    bodyStart = blank ? blank.index + blank[0].length : entity.length;
  }
  const head = entity.slice(0, headEnd).replace(/\r?\n(?=[ \t])/gu, ''); // unfold: drop the line break, keep the blank
  const fields: RawField[] = [];
  for (const line of head.split(/\r?\n/u)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a field (an mbox "From " line, or garbage)
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/u.test(name)) continue;
    fields.push({ name, value: line.slice(colon + 1).trim() });
  }
  return { fields, body: entity.slice(bodyStart) };
}

/** The body parts between `--boundary` lines; the line break before each delimiter belongs to the delimiter. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let partStart = -1;
  let searchFrom = 0;
  for (;;) {
    const at = body.indexOf(delimiter, searchFrom);
    if (at < 0) break;
    searchFrom = at + delimiter.length;
    if (at > 0 && body[at - 1] !== '\n') continue; // not at the start of a line
    const lineEnd = body.indexOf('\n', searchFrom);
    const rest = body.slice(searchFrom, lineEnd < 0 ? body.length : lineEnd);
    const closing = rest.startsWith('--');
    if (!closing && !/^[ \t\r]*$/u.test(rest)) continue; // a longer boundary that merely starts the same way
    if (partStart >= 0) {
      let end = at > 0 ? at - 1 : 0;
      if (end > partStart && body[end - 1] === '\r') end -= 1;
      parts.push(body.slice(partStart, Math.max(end, partStart)));
    }
    if (closing) return parts;
    partStart = lineEnd < 0 ? body.length : lineEnd + 1;
    searchFrom = partStart;
  }
  if (partStart >= 0 && partStart < body.length) parts.push(body.slice(partStart)); // no closing delimiter: be lenient
  return parts;
}

// ------------------------------------------------------------------------------------------------ header values

/** `type/subtype; name=value; name*=charset'lang'%XX; name*0*=...` with the value lower-cased and params decoded. */
function parseParameterized(raw: string): ParameterValue {
  const pieces = splitOutsideQuotes(raw, ';');
  const value = (pieces.shift() ?? '').replace(/\([^()]*\)/gu, '').trim().toLowerCase();
  const plain = new Map<string, string>();
  const extended = new Map<string, { index: number; encoded: boolean; text: string }[]>();
  for (const piece of pieces) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    const text = unquote(piece.slice(equals + 1).trim());
    const rfc2231 = /^([^*]+)\*(?:(\d+)(\*)?|)$/u.exec(name);
    if (rfc2231) {
      // name* (one encoded value), name*N (a plain section), name*N* (an encoded section)
      const base = rfc2231[1]!;
      const index = rfc2231[2] === undefined ? 0 : Number(rfc2231[2]);
      const encoded = rfc2231[2] === undefined || rfc2231[3] === '*';
      const sections = extended.get(base) ?? [];
      sections.push({ index, encoded, text });
      extended.set(base, sections);
    } else if (!plain.has(name)) {
      plain.set(name, text);
    }
  }
  const params = new Map<string, string>();
  for (const [name, text] of plain) params.set(name, decodeFieldText(text));
  for (const [name, sections] of extended) params.set(name, joinRfc2231(sections)); // RFC 2231 wins over plain
  return { value, params };
}

function joinRfc2231(sections: { index: number; encoded: boolean; text: string }[]): string {
  sections.sort((a, b) => a.index - b.index);
  let charset = 'utf-8';
  const bytes: number[] = [];
  sections.forEach((section, position) => {
    let text = section.text;
    if (section.encoded && position === 0) {
      const declared = /^([^']*)'[^']*'/u.exec(text); // charset'language'
      if (declared) {
        if (declared[1]) charset = declared[1];
        text = text.slice(declared[0].length);
      }
    }
    if (section.encoded) {
      for (let i = 0; i < text.length; i++) {
        const hex = text.slice(i + 1, i + 3);
        if (text[i] === '%' && /^[0-9a-f]{2}$/iu.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else {
          bytes.push(text.charCodeAt(i) & 0xff);
        }
      }
    } else {
      for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff);
    }
  });
  return decodeCharset(Uint8Array.from(bytes), charset);
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1]!;
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

function unquote(text: string): string {
  if (!text.startsWith('"')) return text.replace(/\s+\(.*$/u, '');
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) out += text[++i]!;
    else if (char === '"') break;
    else out += char;
  }
  return out;
}

/**
 * Decodes a header value given as a binary string: raw 8-bit bytes as UTF-8 (RFC 6532), or ISO-8859-1 when they
 * are not valid UTF-8, then RFC 2047 encoded-words. Adjacent encoded-words in one charset are joined as bytes
 * before decoding, so a character split over two words survives; the blanks between encoded-words are dropped.
 */
export function decodeFieldText(binary: string): string {
  const text = decodeEightBit(binary);
  const encodedWord = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/giu;
  let out = '';
  let last = 0;
  const run: { charset: string; bytes: number[] }[] = []; // the pending run of adjacent encoded-words (0 or 1)
  const flush = () => {
    const pending = run.pop();
    if (pending) out += decodeCharset(Uint8Array.from(pending.bytes), pending.charset);
  };
  for (let match = encodedWord.exec(text); match; match = encodedWord.exec(text)) {
    const between = text.slice(last, match.index);
    if (!(run.length > 0 && /^[ \t\r\n]*$/u.test(between))) {
      flush();
      out += between;
    }
    const charset = match[1]!.split('*')[0]!.toLowerCase(); // RFC 2231 allows charset*language
    const bytes = match[2]!.toLowerCase() === 'b' ? [...base64ToBytes(match[3]!)] : qEncodedToBytes(match[3]!);
    const current = run[0];
    if (current && current.charset === charset) current.bytes.push(...bytes);
    else {
      flush();
      run.push({ charset, bytes });
    }
    last = encodedWord.lastIndex;
  }
  flush();
  return out + text.slice(last);
}

function qEncodedToBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (char === '_') bytes.push(0x20);
    else if (char === '=' && /^[0-9a-f]{2}$/iu.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(char.charCodeAt(0) & 0xff);
  }
  return bytes;
}

function decodeEightBit(binary: string): string {
  if (!/[\x80-\xff]/u.test(binary)) return binary;
  const bytes = binaryToBytes(binary);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return binary; // ISO-8859-1: one byte is one code point
  }
}

// ------------------------------------------------------------------------------------------------ bodies

function decodeTransfer(body: string, encoding: string): Uint8Array {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return base64ToBytes(body);
    case 'quoted-printable':
      return binaryToBytes(decodeQuotedPrintable(body));
    default: // 7bit, 8bit, binary, or absent: the bytes as they are
      return binaryToBytes(body);
  }
}

function decodeQuotedPrintable(body: string): string {
  const lines = body.split(/\r?\n/u);
  let out = '';
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/[ \t]+$/u, ''); // trailing blanks are transport padding
    const soft = line.endsWith('=');
    const content = soft ? line.slice(0, -1) : line;
    out += content.replace(/=([0-9A-Fa-f]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (!soft && index < lines.length - 1) out += '\r\n';
  });
  return out;
}

/** RFC 3676: join soft-broken lines (ending in a space) of the same quote depth, undo space-stuffing. */
function unflow(text: string, deleteSpace: boolean): string {
  const lines = text.split(/\r?\n/u);
  const endsWithBreak = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithBreak) lines.pop();
  const out: string[] = [];
  let current: { depth: number; text: string } | null = null;
  for (const line of lines) {
    const depth = /^>*/u.exec(line)![0].length;
    let content = line.slice(depth);
    if (content.startsWith(' ')) content = content.slice(1);
    const flowed = content.endsWith(' ') && content !== '-- ';
    if (flowed && deleteSpace) content = content.slice(0, -1);
    if (current && current.depth === depth) current.text += content;
    else {
      if (current) out.push(quotePrefix(current.depth) + current.text);
      current = { depth, text: content };
    }
    if (!flowed) {
      out.push(quotePrefix(current.depth) + current.text);
      current = null;
    }
  }
  if (current) out.push(quotePrefix(current.depth) + current.text);
  return out.join('\n') + (endsWithBreak ? '\n' : '');
}

function quotePrefix(depth: number): string {
  return depth > 0 ? `${'>'.repeat(depth)} ` : '';
}

// ------------------------------------------------------------------------------------------------ bytes

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Map([...base64Alphabet].map((char, value) => [char, value]));

/** Lenient base64: characters outside the alphabet (line breaks) are skipped, decoding stops at '='. */
function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    if (char === '=') break;
    const value = base64Values.get(char);
    if (value === undefined) continue;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.slice(0, length);
}

function decodeCharset(bytes: Uint8Array, charset: string): string {
  const label = charset.trim().toLowerCase();
  // WHATWG's TextDecoder reads iso-8859-1 as windows-1252; mail means the real ISO-8859-1: one byte, one code point.
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'iso_8859-1'].includes(label)) return bytesToBinary(bytes);
  // us-ascii (the default) is read as UTF-8: undeclared 8-bit text is UTF-8 in practice.
  const known = label === 'us-ascii' || label === 'ascii' ? 'utf-8' : label;
  try {
    return new TextDecoder(known).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // unknown charset label
  }
}

function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}
