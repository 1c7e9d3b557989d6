// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PhoneSource } from '../../components/panel/PhoneSource';
import { createDirectory, type Layers, type Recipient } from '../../lib/directory';

const tessenderlo = 'socialedienst@tessenderlo-ham.be';
const recipient = (layers: Layers): Recipient => {
  const found = createDirectory(layers).recipient('71071');
  if (!found) throw new Error('no OCMW Tessenderlo-Ham');
  return found;
};
const team = (phone: string, author: string | null) => ({
  '71071': { mailbox: tessenderlo, inForceSince: '2026-01-01', endedOn: null, phone, source: null, importedOn: '2026-11-21', file: 'mailadressen-dender.json', author },
});

describe('PhoneSource: where the number for the password call comes from', () => {
  afterEach(cleanup);

  it.each<[string, Layers, string]>([
    ['the policy', { managed: { recipients: { '71071': { mailbox: tessenderlo, protocol: { inForceSince: '2026-01-01' }, phone: '013 66 77 88' } } } }, 'Nummer uit de instellingen van je organisatie'],
    ['a team file', { team: team('0470 12 34 56', null) }, 'Nummer uit het teambestand mailadressen-dender.json'],
    ['a team file with its author', { team: team('0470 12 34 56', 'An Janssens') }, 'Nummer uit het teambestand van An Janssens (mailadressen-dender.json)'],
    ['the worker', { user: { '71071': { mailbox: tessenderlo, inForceSince: null, endedOn: null, phone: '0470 12 34 56', source: null, addedOn: '2026-11-20' } } }, 'Nummer door jou toegevoegd op 20-11-2026'],
  ])('names %s, in one muted line', (_who, layers, line) => {
    render(<PhoneSource recipient={recipient(layers)} />);
    const shown = screen.getByText(line);
    expect(shown.className).toContain('muted');
  });

  it('names the policy, not the team file, when both give the same mailbox', () => {
    const managed = { recipients: { '71071': { mailbox: tessenderlo, phone: '013 66 77 88' } } };
    const merged = recipient({ managed, team: team('0470 12 34 56', 'An Janssens') });
    expect(merged.phone).toBe('013 66 77 88');
    render(<PhoneSource recipient={merged} />);
    expect(screen.getByText('Nummer uit de instellingen van je organisatie')).toBeTruthy();
  });

  it('says nothing without a number', () => {
    const { container } = render(<PhoneSource recipient={recipient({})} />);
    expect(container.textContent).toBe('');
    const bundled: Pick<Recipient, 'phone' | 'phoneSource'> = { phone: '013 66 77 88', phoneSource: { origin: 'bundled', addedOn: null, file: null, author: null } };
    render(<PhoneSource recipient={bundled} />);
    expect(screen.getByText('Nummer uit de ingebouwde lijst')).toBeTruthy();
  });
});
