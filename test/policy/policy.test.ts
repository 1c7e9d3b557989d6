import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStrongKey, keyBits, parsePolicy, problemLine } from '../../lib/directory';
import { managedSchemaJson } from '../../lib/directory/managed-schema';
import {
  chromeLinuxPolicy, firefoxPolicies, makePolicyTable, parseCsv, parseDate, policyValue, regFileBytes, windowsReg,
} from '../../lib/directory/policy-maker';
import { knownRecipientIds } from '../../lib/directory/storage';

// What the policy maker generates (test/policy/keys.test.ts): 26 base32 characters in groups of four.
const strongKey = 'K7XM-4RP7-TZ2C-H6VD-QN3W-J5LF-GB';

describe('pre-shared keys by policy: at least 128 random bits', () => {
  it.each([
    ['aaaaaaaaaaaaaaaa', false], ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false], ['abcdefghijklmnopqrstuvwxyz0123456789', false],
    ['pre-shared-key-of-lille-2026', false], ['abcabcabcabcabcabcabcabcabcabc', false], ['Wachtwoord2026!', false],
    [strongKey, true], ['k7xm4rp9tz2ch8vdqn3wb6yfj5gs', false], ['3f9a1c7e5b2d8f0a4c6e1b3d5f7a9c2e', false],
  ])('%s → %s', (key, strong) => {
    expect(isStrongKey(key)).toBe(strong);
  });

  it('26 characters of base32 carry at least 128 bits', () => {
    expect(keyBits(strongKey)).toBeGreaterThanOrEqual(128);
  });
});

describe('the policy, judged entry by entry', () => {
  const policy = {
    recipientIds: ['13019', '71071', 'bad key', '11002', '44021', '12025', '23088'],
    '13019': { mailbox: 'ocmw@lille.example', protocol: { inForceSince: '2025-11-01' }, source: 'Opgroeien IT, protocol van 23-09-2025', preSharedKey: strongKey },
    // 71071 (a number where a string belongs) was dropped by Chrome: only recipientIds names it.
    '11002': { mailbox: 'sociaal@antwerpen.example', protocol: { status: 'bogus', inForceSince: '2026-01-01' } },
    '44021': { mailbox: 'geen adres', protocol: { inForceSince: '2026-01-01' } },
    '12025': { mailbox: 'ocmw@mechelen.example', preSharedKey: 'aaaaaaaaaaaaaaaa', protocol: { inForceSince: '2026-01-01' } },
    '23088': { mailbox: 42 },
    'bad key': { mailbox: 'x@y.example' },
  };

  it('applies the good entry and names each bad one: recipient, field, why', () => {
    const parsed = parsePolicy(policy, knownRecipientIds);
    expect(Object.keys(parsed.config.recipients ?? {})).toEqual(['13019']);
    const lines = parsed.problems.map((problem) => problemLine(problem, problem.recipient === '12025' ? 'OCMW Mechelen' : undefined));
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^71071: de browser liet deze ontvanger vallen: een veld heeft het verkeerde type/u),
      expect.stringMatching(/^11002, protocol\.status: onbekende status/u),
      expect.stringMatching(/^44021, mailbox: geen geldig mailadres/u),
      expect.stringMatching(/^OCMW Mechelen \(12025\), preSharedKey: de sleutel is te zwak: minstens 128 bits/u),
      expect.stringMatching(/^23088, mailbox: hier hoort tekst/u),
      expect.stringMatching(/^bad key: „bad key” is geen ontvanger/u),
    ]));
    expect(parsed.problems.filter((problem) => problem.recipient === 'bad key')).toHaveLength(1);
  });

  it('reads the earlier {"recipients": {…}} form too, and an unknown field is named', () => {
    const parsed = parsePolicy({ recipients: { '13019': { mailbox: 'a@b.example', colour: 'blue' } } }, knownRecipientIds);
    expect(parsed.config.recipients).toEqual({});
    expect(parsed.problems).toEqual([{ recipient: '13019', field: 'colour', message: 'onbekend veld.' }]);
    expect(parsePolicy(undefined, knownRecipientIds)).toEqual({ config: {}, problems: [], entries: 0 });
  });

  it('the shipped managed_schema.json is generated, with only strings, objects and one list: no enum, no pattern', () => {
    const shipped = readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(managedSchemaJson());
    expect(shipped).not.toMatch(/"(enum|pattern|patternProperties|format|minLength|maxLength)"/u);
    const types = [...shipped.matchAll(/"type": "(\w+)"/gu)].map((match) => match[1]);
    expect(new Set(types)).toEqual(new Set(['object', 'string', 'array']));
    const schema = JSON.parse(shipped) as { properties: Record<string, unknown> };
    for (const id of knownRecipientIds) expect(schema.properties[id]).toEqual({ $ref: 'Recipient' });
  });
});

const header = 'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron';

describe('the policy maker', () => {
  it('reads CSV as Excel writes it in Belgium: BOM, semicolons, quotes, CRLF, d/mm/yyyy', () => {
    expect(parseCsv(`\uFEFF${header}\r\n13019;OCMW Lille;a@b.be;1/11/2025;;;"bron; met ""puntkomma"""\r\n`)).toEqual([
      header.split(';'),
      ['13019', 'OCMW Lille', 'a@b.be', '1/11/2025', '', '', 'bron; met "puntkomma"'],
    ]);
    expect(parseDate('23-09-2025')).toBe('2025-09-23');
    expect(parseDate('2025-09-23')).toBe('2025-09-23');
    expect(parseDate('31/02/2025')).toBeNull();
  });

  it('names every bad row and column, and makes nothing until all rows are valid', () => {
    const csv = [
      header,
      '13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;014 55 66 77;protocol van 23-09-2025',
      '99999;Nergens;x@y.be;01-01-2026;;;',
      '71071;Tessenderlo-Ham;geen adres;;;;',
      '11002;Lille;a@antwerpen.be;32-01-2026;2025-01-01;abc;',
      '13019;OCMW Lille;b@lille.be;01-01-2026;;;',
    ].join('\r\n');
    const result = makePolicyTable(csv);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((problem) => problem.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Rij 3, kolom nis: „99999” is geen NIS-code/u),
      'Rij 4, kolom in_werking: vul de ingangsdatum van het protocol in.',
      'Rij 4, kolom mailadres: geen geldig mailadres.',
      expect.stringMatching(/^Rij 5, kolom ontvanger: past niet bij NIS-code 11002 \(OCMW Antwerpen\)/u),
      'Rij 5, kolom in_werking: „32-01-2026” is geen datum (gebruik 23-09-2025 of 2025-09-23).',
      'Rij 5, kolom telefoon: geen geldig telefoonnummer.',
      'Rij 6, kolom nis: deze ontvanger staat ook al in rij 2.',
    ]);
    expect(makePolicyTable('nis;mailadres\n13019;a@b.be')).toMatchObject({ ok: false, problems: [{ row: 1 }] });
  });

  it('refuses a weak pre-shared key in the optional sleutel column', () => {
    const result = makePolicyTable(`${header};sleutel\n13019;;a@b.be;2025-11-01;;;;aaaaaaaaaaaaaaaa`);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^Rij 2, kolom sleutel: de sleutel is te zwak/u)]);
  });

  it('turns a valid table into JSON, .reg and policies.json whose values equal the input', () => {
    const csv = `${header};sleutel\n13019;OCMW Lille;sociale.dienst@lille.be;1/11/2025;;014 55 66 77;protocol van 23-09-2025, website OCMW Lille;${strongKey}\n21004;Brussel;aanmelding@caw.example;2026-01-05;31-12-2027;;"Opgroeien; regie"\n`;
    const result = makePolicyTable(csv);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const expected = {
      recipientIds: ['13019', 'caw-brussel'],
      '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, phone: '014 55 66 77', source: 'protocol van 23-09-2025, website OCMW Lille', preSharedKey: strongKey },
      'caw-brussel': { mailbox: 'aanmelding@caw.example', protocol: { inForceSince: '2026-01-05', endedOn: '2027-12-31' }, source: 'Opgroeien; regie' },
    };
    const id = 'abcdefghijklmnopabcdefghijklmnop';
    expect(JSON.parse(policyValue(result.table.config))).toEqual(expected);
    expect(JSON.parse(chromeLinuxPolicy(result.table.config, id))).toEqual({ '3rdparty': { extensions: { [id]: expected } } });
    expect(JSON.parse(firefoxPolicies(result.table.config))).toEqual({ policies: { '3rdparty': { Extensions: { 'veilig-aanmelden@opgroeien.be': expected } } } });
    for (const [browserName, root] of [['chrome', 'Google\\Chrome'], ['edge', 'Microsoft\\Edge']] as const) {
      const bytes = regFileBytes(windowsReg(result.table.config, id, browserName));
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
      const text = new TextDecoder('utf-16le').decode(bytes.slice(2));
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
      expect(lines[2]).toBe(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${root}\\3rdparty\\extensions\\${id}\\policy]`);
      const values = Object.fromEntries(
        lines.slice(3).filter(Boolean).map((line) => {
          const match = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/u.exec(line);
          if (!match) throw new Error(line);
          const unescape = (value: string) => value.replace(/\\(.)/gu, '$1');
          return [unescape(match[1] ?? ''), JSON.parse(unescape(match[2] ?? '')) as unknown];
        }),
      );
      expect(values).toEqual(expected);
    }
    // What the maker produces, the extension accepts without a single problem.
    expect(parsePolicy(expected, knownRecipientIds).problems).toEqual([]);
  });
});
