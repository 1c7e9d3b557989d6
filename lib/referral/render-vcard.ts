import type { ReferralDocument } from './document';

// RFC 2426 (vCard 3.0): escape backslash, comma, semicolon; lines end in CRLF and fold at 75 octets.
function escapeValue(value: string): string {
  return value.replace(/\\/gu, '\\\\').replace(/,/gu, '\\,').replace(/;/gu, '\\;');
}

function fold(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let limit = 75;
  for (const char of line) {
    if (encoder.encode(current + char).length > limit) {
      pieces.push(current);
      current = '';
      limit = 74; // continuation lines start with one space
    }
    current += char;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

/** `contact.vcf`: the client as a vCard 3.0 contact, to import into Outlook. */
export function renderVcard(document: ReferralDocument): string {
  const { client } = document;
  const box = client.address?.box ? ` bus ${client.address.box}` : '';
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:${escapeValue(client.lastName)};${escapeValue(client.firstName)};;;`,
    `FN:${escapeValue(`${client.firstName} ${client.lastName}`)}`,
    ...(client.address
      ? [
          `ADR;TYPE=HOME:;;${escapeValue(`${client.address.street} ${client.address.houseNumber}${box}`)};` +
            `${escapeValue(client.address.municipality)};;${client.address.postcode};België`,
        ]
      : []),
    ...(client.phone ? [`TEL;TYPE=VOICE:${client.phone}`] : []),
    ...(client.email ? [`EMAIL;TYPE=INTERNET:${escapeValue(client.email)}`] : []),
    `NOTE:${escapeValue(`Aanmelding Kind en Gezin ${document.reference}`)}`,
    'END:VCARD',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
