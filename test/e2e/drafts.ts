import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { client } from './client';
import { readDrafts, type StoredMessage } from './roundcube/imap';
import type { RoundcubeServer } from './roundcube/server';

/** Values typed into the panel that must never show in clear text (page, subject, body). */
export const clearTextMarkers = ['Testpersoon', 'Zoë', client.email, client.street, '470'] as const;

/**
 * The OCMW's view of a saved referral draft, read over IMAP: To is the recipient's mailbox, subject and body carry
 * no client data, the one attachment is the reference's zip, and the real 7-Zip opens it with the shown password
 * (and not with a wrong one) to exactly the data that was typed.
 */
export async function expectReferralDraft(server: RoundcubeServer, reference: string, password: string, work: string): Promise<StoredMessage> {
  const drafts = await readDrafts({ imapPort: server.imapPort, user: server.user, password: server.password, subject: reference });
  const draft = drafts.find((message) => message.headers.subject === `Aanmelding Kind en Gezin – ${reference}`);
  if (!draft) throw new Error(`draft ${reference} not in Drafts`);
  expect(draft.headers.to).toContain('sociale.dienst@lille.be');
  for (const value of clearTextMarkers) {
    expect(draft.headers.subject).not.toContain(value);
    expect(draft.text).not.toContain(value);
  }
  expect(draft.attachments.map((attachment) => attachment.filename)).toEqual([`aanmelding-${reference}.zip`]);

  const zip = join(work, `aanmelding-${reference}.zip`);
  writeFileSync(zip, draft.attachments[0]!.bytes);
  expect(spawnSync('7z', ['x', '-pwrong-password-here', `-o${join(work, 'wrong')}`, zip], { input: '' }).status).toBe(2);
  const extracted = spawnSync('7z', ['x', `-p${password}`, `-o${join(work, 'out')}`, zip], { input: '', encoding: 'utf8' });
  expect(extracted.status, extracted.stdout).toBe(0);
  const json = JSON.parse(readFileSync(join(work, 'out', 'aanmelding.json'), 'utf8'));
  expect(json).toMatchObject({
    format: 'veilig-aanmelden/referral@1',
    reference,
    client: {
      firstName: 'Zoë',
      lastName: "D'Hondt-Testpersoon",
      phone: '+32470123456',
      email: client.email,
      address: { street: 'Kerkstraat', houseNumber: '1', box: '2', postcode: '2275', municipality: 'Gierle' },
    },
    consent: { informed: true, consented: true, manner: 'mondeling' },
    recipient: { id: '13019', name: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be' },
  });
  return draft;
}
