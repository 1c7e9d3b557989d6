import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDirectory, protocolLine, referralDecision, sourceLine, type Recipient } from '../../lib/directory';
import { loadLayers, removeUserAddition, saveUserAddition, userAdditionsKey } from '../../lib/directory/storage';

const today = '2026-11-22';

function recipientOf(postcode: string, directory = createDirectory()): Recipient {
  const lookup = directory.lookupPostcode(postcode);
  if (lookup.status !== 'found' || !lookup.matches[0]) throw new Error(`no match for ${postcode}`);
  return lookup.matches[0].recipient;
}

describe('layers: managed > user > bundled', () => {
  it('uses the bundled mailbox when no layer speaks', () => {
    expect(recipientOf('2275')).toMatchObject({ mailbox: 'sociale.dienst@lille.be', mailboxOrigin: 'bundled', preSharedKey: null });
  });

  it("shows the user's own mailbox as theirs", () => {
    const directory = createDirectory({ user: { '11002': { mailbox: 'sociaal@antwerpen.example', addedOn: '2026-11-20' } } });
    const recipient = recipientOf('2000', directory);
    expect(recipient).toMatchObject({ mailbox: 'sociaal@antwerpen.example', mailboxOrigin: 'user' });
    expect(sourceLine(recipient)).toBe('Door u toegevoegd op 20-11-2026');
  });

  it("lets the deployer's policy win over the user's and the bundled data, with dates and a pre-shared key", () => {
    const directory = createDirectory({
      user: { '13019': { mailbox: 'mine@example.org', addedOn: '2026-11-20' } },
      managed: {
        recipients: {
          '13019': { mailbox: 'ocmw@lille.example', protocol: { status: 'ended', endedOn: '2026-10-01' }, preSharedKey: 'pre-shared-key-of-lille-2026', source: 'Opgroeien IT' },
        },
      },
    });
    const recipient = recipientOf('2275', directory);
    expect(recipient).toMatchObject({
      mailbox: 'ocmw@lille.example', mailboxOrigin: 'managed', preSharedKey: 'pre-shared-key-of-lille-2026',
      protocol: { status: 'ended', endedOn: '2026-10-01', inForceSince: '2025-11-01' },
    });
    expect(sourceLine(recipient)).toBe('Ingesteld door je organisatie (Opgroeien IT)');
  });

  it('says where every mailbox comes from, or that none is known', () => {
    expect(sourceLine(recipientOf('2275'))).toMatch(/^Bron: Gegevensdelingsprotocol .*OCMW Lille/u);
    expect(sourceLine(recipientOf('1050'))).toBe('Geen mailadres bekend');
  });
});

describe('referralDecision', () => {
  const lille = recipientOf('2275');

  it('allows Lille, in force since 2025-11-01', () => {
    expect(referralDecision(lille, today)).toMatchObject({ verdict: 'allow', message: 'Het protocol met OCMW Lille is van kracht sinds 01-11-2025.' });
    expect(protocolLine(lille, today)).toBe('Protocol van kracht sinds 01-11-2025');
  });

  it('refuses before the protocol is in force, and after it ended, with the reason', () => {
    expect(referralDecision(lille, '2025-10-31')).toMatchObject({ verdict: 'refuse', reason: 'decision_notYet' });
    expect(referralDecision(lille, '2025-10-31').message).toContain('01-11-2025');
    const ended: Recipient = { ...lille, protocol: { ...lille.protocol, status: 'ended', endedOn: '2026-06-30' } };
    expect(referralDecision(ended, today)).toMatchObject({ verdict: 'refuse', reason: 'decision_ended' });
    expect(protocolLine(ended, today)).toBe('Protocol beëindigd op 30-06-2026');
    // An end date still ahead does not stop referrals today.
    const ending: Recipient = { ...lille, protocol: { ...lille.protocol, endedOn: '2027-05-31' } };
    expect(referralDecision(ending, today).verdict).toBe('allow');
  });

  it('refuses without a mailbox: CAW Brussel until one is added', () => {
    const caw = recipientOf('1050');
    expect(referralDecision(caw, today)).toMatchObject({ verdict: 'refuse', reason: 'decision_noMailbox' });
    const added = recipientOf('1050', createDirectory({ user: { 'caw-brussel': { mailbox: 'aanmelding@caw.example', addedOn: today } } }));
    expect(referralDecision(added, today)).toMatchObject({ verdict: 'warn', reason: 'decision_unknown' });
  });

  it('warns for a signed protocol whose start date is not known (Tessenderlo-Ham)', () => {
    const tessenderloHam = recipientOf('3980');
    expect(referralDecision(tessenderloHam, today)).toMatchObject({ verdict: 'warn', reason: 'decision_signedNoDate' });
    expect(protocolLine(tessenderloHam, today)).toBe('Protocol ondertekend, nog niet van kracht');
  });
});

describe('layers in extension storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the managed configuration and the user additions, checked', async () => {
    await fakeBrowser.storage.managed.set({ recipients: { '13019': { mailbox: 'it@lille.example' } } });
    await saveUserAddition('caw-brussel', ' aanmelding@caw.example ', today);
    const layers = await loadLayers();
    expect(layers).toEqual({
      managed: { recipients: { '13019': { mailbox: 'it@lille.example' } } },
      user: { 'caw-brussel': { mailbox: 'aanmelding@caw.example', addedOn: today } },
      managedInvalid: false,
    });
    expect(recipientOf('1050', createDirectory(layers)).mailboxOrigin).toBe('user');
  });

  it('ignores a managed configuration that breaks the schema, and says so', async () => {
    await fakeBrowser.storage.managed.set({ recipients: { '13019': { mailbox: 'not an address' } } });
    expect(await loadLayers()).toMatchObject({ managed: {}, managedInvalid: true });
  });

  it('refuses an invalid mailbox, ignores tampered storage and removes an addition', async () => {
    await expect(saveUserAddition('13019', 'geen-adres')).rejects.toThrow();
    await fakeBrowser.storage.local.set({ [userAdditionsKey]: { '13019': { mailbox: 42 } } });
    expect((await loadLayers()).user).toEqual({});
    await saveUserAddition('13019', 'a@b.example', today);
    expect(await removeUserAddition('13019')).toEqual({});
    expect((await loadLayers()).user).toEqual({});
  });
});
