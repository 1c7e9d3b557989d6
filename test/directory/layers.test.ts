import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createDirectory, phoneSourceLine, protocolLine, referralDecision, sourceLine, type ManagedRecipient, type Recipient, type TeamEntry, type UserAddition,
} from '../../lib/directory';
import {
  loadLayers, mailboxChoicesItem, recordMailboxChoice, removeUserAddition, saveUserAddition, userAdditionsItem, userAdditionsKey, watchLayers,
} from '../../lib/directory/storage';

const today = '2026-11-22';
const addition = (mailbox: string, more: Partial<UserAddition> = {}): UserAddition => ({
  mailbox, addedOn: '2026-11-20', inForceSince: null, endedOn: null, phone: null, source: null, ...more,
});

function recipientOf(postcode: string, directory = createDirectory()): Recipient {
  const lookup = directory.lookupPostcode(postcode);
  if (lookup.status !== 'found' || !lookup.matches[0]) throw new Error(`no match for ${postcode}`);
  return lookup.matches[0].recipient;
}

describe('layers: managed > user > team > bundled, each saying where it comes from', () => {
  it('uses the bundled mailbox when no layer speaks', () => {
    expect(recipientOf('2275')).toMatchObject({ mailbox: 'sociale.dienst@lille.be', mailboxOrigin: 'bundled', datesOrigin: 'bundled', preSharedKey: null, conflict: null });
    expect(sourceLine(recipientOf('2275'))).toMatch(/^Mailadres en datum: protocol \(gebundeld\)\. Bron: Gegevensdelingsprotocol .*OCMW Lille/u);
    expect(sourceLine(recipientOf('1050'))).toBe('Geen mailadres bekend');
  });

  it("shows the user's own mailbox and date as theirs", () => {
    const directory = createDirectory({ user: { '11002': addition('sociaal@antwerpen.example', { inForceSince: '2026-01-01', source: 'protocol van 23-09-2025' }) } });
    const recipient = recipientOf('2000', directory);
    expect(recipient).toMatchObject({ mailbox: 'sociaal@antwerpen.example', mailboxOrigin: 'user', datesOrigin: 'user', protocol: { inForceSince: '2026-01-01' } });
    expect(sourceLine(recipient)).toBe('Mailadres en datum: door jou toegevoegd op 20-11-2026. Bron: protocol van 23-09-2025');
  });

  it('a date added for the bundled mailbox (Tessenderlo-Ham) makes it usable, and says where each fact comes from', () => {
    const directory = createDirectory({ user: { '71071': addition('socialedienst@tessenderlo-ham.be', { inForceSince: '2026-02-01' }) } });
    const recipient = recipientOf('3980', directory);
    expect(recipient).toMatchObject({ mailboxOrigin: 'user', datesOrigin: 'user', conflict: null });
    expect(referralDecision(recipient, today).verdict).toBe('allow');
    // The worker's own entry brings its own dates: the bundled ones do not fill in for it (RULES §7).
    const lille = recipientOf('2275', createDirectory({ user: { '13019': addition('sociale.dienst@lille.be') } }));
    expect(sourceLine(lille)).toBe('Mailadres: door jou toegevoegd op 20-11-2026; ingangsdatum: geen datum.');
    expect(referralDecision(lille, today)).toMatchObject({ verdict: 'refuse', action: 'addDate' });
  });

  it("a policy's mailbox different from the bundled protocol's is a conflict until the worker chooses; the choice holds", () => {
    const managed = { recipients: { '13019': { mailbox: 'ocmw@lille.example', protocol: { inForceSince: '2026-01-01' }, source: 'Opgroeien IT' } } };
    const conflicted = recipientOf('2275', createDirectory({ managed }));
    expect(conflicted.mailbox).toBeNull();
    expect(conflicted.conflict?.map((option) => [option.mailbox, option.origin])).toEqual([['ocmw@lille.example', 'managed'], ['sociale.dienst@lille.be', 'bundled']]);
    expect(referralDecision(conflicted, today)).toMatchObject({ verdict: 'refuse', action: 'chooseMailbox' });
    const choices = { '13019': { mailbox: 'ocmw@lille.example', over: ['sociale.dienst@lille.be'], chosenOn: today } };
    const chosen = recipientOf('2275', createDirectory({ managed, choices }));
    expect(chosen).toMatchObject({ mailbox: 'ocmw@lille.example', mailboxOrigin: 'managed', protocol: { inForceSince: '2026-01-01' } });
    expect(sourceLine(chosen)).toBe('Mailadres en datum: beleid van je organisatie. Bron: Opgroeien IT');
    // A third, new mailbox reopens the question.
    const again = recipientOf('2275', createDirectory({ managed, choices, user: { '13019': addition('third@lille.example') } }));
    expect(again.conflict).toHaveLength(3);
  });

  it('policy dates without a mailbox speak for the bundled mailbox; a pre-shared key and phone come along', () => {
    const key = 'JBSWY3DPEHPK3PXPJBSWY3DPEH';
    const recipient = recipientOf('2275', createDirectory({ managed: { recipients: { '13019': { protocol: { endedOn: '2026-10-01' }, preSharedKey: key, phone: '014 55 66 77' } } } }));
    expect(recipient).toMatchObject({ mailbox: 'sociale.dienst@lille.be', mailboxOrigin: 'bundled', datesOrigin: 'managed', preSharedKey: key, phone: '014 55 66 77', phoneSource: { origin: 'managed' } });
    expect(sourceLine(recipient)).toMatch(/^Mailadres: protocol \(gebundeld\); ingangsdatum: beleid van je organisatie\./u);
    expect(referralDecision(recipient, today)).toMatchObject({ verdict: 'refuse', reason: 'gate_ended' });
  });
});

describe('layer authority (issue 20.4): mailbox, dates and phone come together from the layer that supplies the mailbox', () => {
  const team = (mailbox: string, more: Partial<TeamEntry> = {}): TeamEntry => ({
    mailbox, importedOn: '2026-11-21', inForceSince: null, endedOn: null, phone: null, source: null, file: 'mailadressen-dender.json', author: null, ...more,
  });
  const policy = (entry: ManagedRecipient) => ({ recipients: { '71071': entry } });
  const tessenderlo = 'socialedienst@tessenderlo-ham.be';

  it('a team file or an own addition with the policy\'s mailbox cannot set the phone', () => {
    const managed = policy({ mailbox: tessenderlo, protocol: { inForceSince: '2026-01-01' }, source: 'Opgroeien IT' });
    for (const layers of [{ managed, team: { '71071': team(tessenderlo, { phone: '0470 99 99 99' }) } }, { managed, user: { '71071': addition(tessenderlo, { phone: '0470 99 99 99' }) } }]) {
      const recipient = recipientOf('3980', createDirectory(layers));
      expect(recipient).toMatchObject({ mailbox: tessenderlo, mailboxOrigin: 'managed', phone: null, phoneSource: null });
    }
    const withPhone = recipientOf('3980', createDirectory({ managed: policy({ mailbox: tessenderlo, phone: '013 66 77 88' }), team: { '71071': team(tessenderlo, { phone: '0470 99 99 99' }) } }));
    expect(withPhone).toMatchObject({ phone: '013 66 77 88', phoneSource: { origin: 'managed' } });
  });

  it('a policy entry without an in-force date is not in force, whatever a team file or the worker says', () => {
    const managed = policy({ mailbox: tessenderlo, source: 'Opgroeien IT' });
    for (const layers of [{ managed, team: { '71071': team(tessenderlo, { inForceSince: '2026-01-01' }) } }, { managed, user: { '71071': addition(tessenderlo, { inForceSince: '2026-01-01' }) } }]) {
      const recipient = recipientOf('3980', createDirectory(layers));
      expect(recipient).toMatchObject({ mailbox: tessenderlo, mailboxOrigin: 'managed', datesOrigin: null, protocol: { inForceSince: null } });
      expect(referralDecision(recipient, today)).toMatchObject({ verdict: 'refuse', reason: 'gate_noDate' });
    }
  });

  it('policy dates for the bundled mailbox are final: an own addition of that mailbox cannot undo an end date', () => {
    const layers = { managed: { recipients: { '13019': { protocol: { endedOn: '2026-10-01' } } } }, user: { '13019': addition('sociale.dienst@lille.be', { inForceSince: '2026-01-01' }) } };
    const recipient = recipientOf('2275', createDirectory(layers));
    expect(recipient).toMatchObject({ mailbox: 'sociale.dienst@lille.be', datesOrigin: 'managed', protocol: { endedOn: '2026-10-01' } });
    expect(referralDecision(recipient, today)).toMatchObject({ verdict: 'refuse', reason: 'gate_ended' });
  });

  it('a lower layer adds neither dates nor a phone to a higher layer\'s entry', () => {
    // The worker's own entry without a date is not dated by a team file with the same mailbox.
    const recipient = recipientOf('3980', createDirectory({ user: { '71071': addition(tessenderlo) }, team: { '71071': team(tessenderlo, { inForceSince: '2026-01-01', phone: '0470 99 99 99' }) } }));
    expect(recipient).toMatchObject({ mailboxOrigin: 'user', datesOrigin: null, phone: null, phoneSource: null });
    expect(referralDecision(recipient, today).verdict).toBe('refuse');
    // The team's entry, alone, brings its own date and phone, and says so.
    const teams = recipientOf('3980', createDirectory({ team: { '71071': team(tessenderlo, { inForceSince: '2026-01-01', phone: '0470 99 99 99', author: 'An Janssens' }) } }));
    expect(teams).toMatchObject({ mailboxOrigin: 'team', datesOrigin: 'team', phone: '0470 99 99 99', phoneSource: { origin: 'team', file: 'mailadressen-dender.json', author: 'An Janssens' } });
    expect(referralDecision(teams, today).verdict).toBe('allow');
  });

  it('says where the phone number comes from', () => {
    expect(phoneSourceLine(recipientOf('2275', createDirectory({ managed: { recipients: { '13019': { phone: '014 55 66 77' } } } })))).toBe('Nummer uit de instellingen van je organisatie');
    expect(phoneSourceLine(recipientOf('3980', createDirectory({ user: { '71071': addition(tessenderlo, { phone: '013 66 77 88' }) } })))).toBe('Nummer door jou toegevoegd op 20-11-2026');
    expect(phoneSourceLine(recipientOf('3980', createDirectory({ team: { '71071': team(tessenderlo, { phone: '013 66 77 88' }) } })))).toBe('Nummer uit het teambestand mailadressen-dender.json');
    expect(phoneSourceLine(recipientOf('2275'))).toBe('');
  });
});

describe('layers in storage: out of reach of content scripts, live', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the policy and the additions, checked, and keeps nothing of them in storage.local', async () => {
    await fakeBrowser.storage.managed.set({ recipientIds: ['13019'], '13019': { mailbox: 'it@lille.example', protocol: { inForceSince: '2025-11-01' } } });
    await saveUserAddition('caw-brussel', { mailbox: ' aanmelding@caw.example ', inForceSince: '2026-01-05', phone: '02 123 45 67' }, today);
    const layers = await loadLayers();
    expect(layers).toMatchObject({
      managed: { recipients: { '13019': { mailbox: 'it@lille.example' } } },
      user: { 'caw-brussel': { mailbox: 'aanmelding@caw.example', inForceSince: '2026-01-05', phone: '02 123 45 67', addedOn: today } },
      managedProblems: [],
      managedInvalid: false,
    });
    expect(recipientOf('1050', createDirectory(layers)).mailboxOrigin).toBe('user');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('never takes an addition from storage.local, where a content script could have planted it', async () => {
    await fakeBrowser.storage.local.set({ [userAdditionsKey]: { '13019': { mailbox: 'planted@evil.example', addedOn: '2026-01-01', inForceSince: '2025-01-01' } } });
    expect(await userAdditionsItem.get()).toEqual({});
    expect((await loadLayers()).user).toEqual({});
  });

  it('refuses an invalid mailbox or date and removes an addition', async () => {
    await expect(saveUserAddition('13019', 'geen-adres')).rejects.toThrow();
    await expect(saveUserAddition('13019', { mailbox: 'a@b.example', inForceSince: '2026-02-30' })).rejects.toThrow();
    await saveUserAddition('13019', 'a@b.example', today);
    expect(await removeUserAddition('13019')).toEqual({});
    expect((await loadLayers()).user).toEqual({});
  });

  it('tells an open page about every change: an addition, a choice, a new policy', async () => {
    let calls = 0;
    const stop = watchLayers(() => calls++);
    await saveUserAddition('13019', 'a@b.example', today);
    await recordMailboxChoice('13019', 'a@b.example', ['sociale.dienst@lille.be'], today);
    await fakeBrowser.storage.managed.set({ recipientIds: [] });
    expect(calls).toBe(3);
    expect(await mailboxChoicesItem.get()).toEqual({ '13019': { mailbox: 'a@b.example', over: ['sociale.dienst@lille.be'], chosenOn: today } });
    stop();
  });
});

describe('protocolLine', () => {
  it('reads as a Flemish worker reads dates', () => {
    expect(protocolLine(recipientOf('2275'), today)).toBe('Protocol van kracht sinds 01-11-2025');
    expect(protocolLine(recipientOf('3980'), today)).toBe('Protocol ondertekend, ingangsdatum onbekend');
  });
});
