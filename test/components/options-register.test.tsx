// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RegisterSection } from '../../components/options/RegisterSection';
import { generateReference } from '../../lib/referral';
import { addReferral, markNotSent, markSent, newEntry, withdraw } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';
import { recordSent, saveRegister } from '../../lib/register/storage';
import { belgianToday } from '../../lib/time';

const year = belgianToday().slice(0, 4);
const make = (day: string) => newEntry({
  reference: generateReference(), createdOn: `${year}-01-${day}`, recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'Team Middenkempen',
});

/** The totals row of the CSV the page offers, as the worker's download would hold it. */
async function downloadedTotals(): Promise<string[]> {
  let blob: Blob | undefined;
  const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    blob = object as Blob;
    return 'blob:evaluation';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  await userEvent.setup().click(screen.getByRole('button', { name: 'Download de evaluatie (CSV)' }));
  expect(create).toHaveBeenCalledOnce();
  return (await blob!.text()).trimEnd().split('\r\n').at(-1)!.split(';');
}

// Issue 14.9: the options page counts as the CSV does, in singular and plural.
describe('the register section of the options page', () => {
  const [sent, draft, withdrawn, notSent] = [make('05'), make('06'), make('07'), make('08')];
  beforeEach(async () => {
    fakeBrowser.reset();
    let register: RegisterEntry[] = [sent!, draft!, withdrawn!, notSent!].reduce((list, e) => addReferral(list, e), [] as RegisterEntry[]);
    register = markSent(register, sent!.reference, `${year}-01-05`);
    register = withdraw(register, withdrawn!.reference, `${year}-01-09`);
    register = markNotSent(register, notSent!.reference, `${year}-01-08`);
    await saveRegister(register);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('counts what the CSV counts, says which drafts still wait for a mark, and uses the singular for one', async () => {
    render(<RegisterSection />);
    expect(await screen.findByText('4 referenties in het register.')).toBeTruthy();
    expect(screen.getByText(`Telt mee in de evaluatie van ${year}: 2 aanmeldingen, 1 intrekking en 0 verbeteringen.`)).toBeTruthy();
    expect(screen.getByText(new RegExp(`^1 concept van ${year} is nog niet aangeduid als verzonden of niet verzonden`, 'u'))).toBeTruthy();
    expect(await downloadedTotals()).toEqual(['Totaal', '', '2', '1', '0', '']);
  });

  it('follows a draft marked sent in the panel meanwhile', async () => {
    render(<RegisterSection />);
    await screen.findByText(`Telt mee in de evaluatie van ${year}: 2 aanmeldingen, 1 intrekking en 0 verbeteringen.`);
    await recordSent(draft!.reference, `${year}-01-10`);
    expect(await screen.findByText(`Telt mee in de evaluatie van ${year}: 3 aanmeldingen, 1 intrekking en 0 verbeteringen.`)).toBeTruthy();
    expect(screen.queryByText(/nog niet aangeduid/u)).toBeNull();
    expect(await downloadedTotals()).toEqual(['Totaal', '', '3', '1', '0', '']);
  });
});
