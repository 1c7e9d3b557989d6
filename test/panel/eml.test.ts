import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { unsentEml } from '../../lib/panel/eml';

describe('the unsent .eml for classic Outlook', () => {
  it('parses back to the same To, subject, text and zip bytes, marked X-Unsent', async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 0, 255, 1, 2, 3]);
    const draft = {
      to: 'sociale.dienst@lille.be',
      subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X',
      body: 'Beste collega,\n\nIn bijlage een aanmelding met referentie KG-7F3Q-2M9X.\n\nMet vriendelijke groeten,\nKind en Gezin',
      fileName: 'aanmelding-KG-7F3Q-2M9X.zip',
      bytes,
    };
    const eml = unsentEml(draft);
    expect(eml.split('\r\n')[0]).toBe('X-Unsent: 1');
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const parsed = await simpleParser(eml);
    expect(parsed.headers.get('x-unsent')).toBe('1');
    expect(parsed.subject).toBe(draft.subject);
    expect((parsed.to as { text: string }).text).toBe(draft.to);
    expect(parsed.text?.trim()).toBe(draft.body.replace(/\n/gu, '\n'));
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe(draft.fileName);
    expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(bytes);
  });
});
