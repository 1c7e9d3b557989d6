// Reads a stored message for the end-to-end tests with mailparser, in the shape the tests check: decoded headers
// as text, the plain-text body, the html body, and the attachments' names and exact bytes.
import { parseAddressHeader, simpleParser, type AddressObject, type EmailAddress, type HeaderValue, type ParsedMail } from 'mailparser';

export type MimeAttachment = { filename: string; contentType: string; bytes: Uint8Array };

export type ParsedMessage = {
  /**
   * Lower-case field names; values unfolded and decoded, address fields in mailparser's text form (a name quoted:
   * `"OCMW Lille" <sociale.dienst@lille.be>`). A repeated field keeps its first value.
   */
  headers: Record<string, string>;
  /** The text/plain body (format=flowed joined), with \n line ends. '' when none: it is never derived from html. */
  text: string;
  /** The text/html body; null when the message has none. */
  html: string | null;
  attachments: MimeAttachment[];
};

/** Parses a whole message. A string is taken as the message's text. */
export async function parseMessage(source: Uint8Array | string): Promise<ParsedMessage> {
  const mail = await simpleParser(typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  return {
    headers: headerTexts(mail),
    text: (mail.text ?? '').replace(/\r\n?/gu, '\n'),
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename ?? '',
      contentType: attachment.contentType,
      bytes: attachment.content,
    })),
  };
}

/** The bare addresses in an address header value such as `"Peeters, Jan" <jan@example.be>, an@example.org`. */
export function mailAddresses(value: string): string[] {
  return bareAddresses(parseAddressHeader(value).value);
}

function bareAddresses(addresses: EmailAddress[]): string[] {
  return addresses.flatMap((address) => (address.group ? bareAddresses(address.group) : address.address ? [address.address] : []));
}

/**
 * Every header as text. Unstructured fields (Subject, X-…) and address fields come as mailparser decoded them
 * (addresses in its formatted text form); dates, Content-Type and other structured fields as the unfolded raw value.
 */
function headerTexts(mail: ParsedMail): Record<string, string> {
  const texts = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (texts.has(key)) continue;
    const raw = line.slice(line.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/gu, '').trim();
    texts.set(key, decodedText(mail.headers.get(key)) ?? raw);
  }
  return Object.fromEntries(texts); // own properties only, even for a field called __proto__
}

function decodedText(value: HeaderValue | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (isAddressObject(first)) return first.text;
  return null;
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as AddressObject).value) && typeof (value as AddressObject).text === 'string';
}
