import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyForm } from '../../components/panel/form';
import { clearFormState, expireFormState, formExpiryAlarm, formStateKey, idleLimitMs, loadFormState, saveFormState } from '../../lib/session/form-state';

const form = { ...emptyForm(), client: { ...emptyForm().client, lastName: 'Peeters' } };
const sessionHolds = async () => JSON.stringify(await fakeBrowser.storage.session.get(null));

describe("the panel's form in memory-only session storage", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useRealTimers();
  });

  it('is wiped by the idle alarm after 30 minutes without a change, and not before (fake clock)', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    await saveFormState(form, Date.now());
    const alarm = await fakeBrowser.alarms.get(formExpiryAlarm);
    expect(alarm?.scheduledTime).toBe(Date.now() + idleLimitMs + 1000);
    vi.advanceTimersByTime(29 * 60 * 1000);
    expect(await expireFormState(Date.now())).toBe(false);
    expect(await sessionHolds()).toContain('Peeters');
    vi.advanceTimersByTime(2 * 60 * 1000);
    expect(await expireFormState(Date.now())).toBe(true);
    expect(await sessionHolds()).not.toContain('Peeters');
  });

  it('each change moves the wipe 30 minutes ahead', async () => {
    await saveFormState(form, 1_000_000);
    await saveFormState(form, 1_000_000 + 20 * 60 * 1000);
    expect(await expireFormState(1_000_000 + 40 * 60 * 1000)).toBe(false);
    expect(await loadFormState(1_000_000 + 40 * 60 * 1000)).toEqual(form);
  });

  it('is wiped on completion or discard, with its alarm', async () => {
    await saveFormState(form);
    await clearFormState();
    expect((await fakeBrowser.storage.session.get(formStateKey))[formStateKey]).toBeUndefined();
    expect(await fakeBrowser.alarms.get(formExpiryAlarm)).toBeFalsy();
  });
});
