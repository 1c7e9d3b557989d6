// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from '../../components/common/CopyButton';
import { clearCopiedSecrets } from '../../lib/clipboard';

// Issue 13 item 6: the copied password stayed on the clipboard.
let held = '';
let readable = true;
const clipboard = {
  writeText: vi.fn(async (text: string) => {
    held = text;
  }),
  readText: vi.fn(async () => {
    if (!readable) throw new DOMException('not allowed', 'NotAllowedError');
    return held;
  }),
};

const click = async (name: RegExp) => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
};
const wait = async (ms: number) => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
};

describe('CopyButton for a password', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    held = '';
    readable = true;
    clipboard.writeText.mockClear();
    clipboard.readText.mockClear();
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    Object.defineProperty(navigator, 'permissions', {
      value: { query: async () => ({ state: readable ? 'granted' : 'prompt' }) }, configurable: true,
    });
  });
  afterEach(async () => {
    await clearCopiedSecrets();
    cleanup();
    vi.useRealTimers();
  });

  it('says the clipboard will be cleared, and clears it after 60 seconds', async () => {
    render(<CopyButton text="k7xm-4rp9-tz2c-h8vd-qn3w" label="wachtwoord" sensitive />);
    await click(/Kopieer wachtwoord/u);
    expect(held).toBe('k7xm-4rp9-tz2c-h8vd-qn3w');
    expect(screen.getByRole('status').textContent).toBe('Gekopieerd. Wordt over 1 minuut van het klembord gewist.');
    await wait(59_000);
    expect(held).toBe('k7xm-4rp9-tz2c-h8vd-qn3w');
    await wait(1_000);
    expect(held).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Van het klembord gewist.');
  });

  it('leaves what the user copied since alone', async () => {
    render(<CopyButton text="k7xm-4rp9-tz2c-h8vd-qn3w" label="wachtwoord" sensitive />);
    await click(/Kopieer wachtwoord/u);
    held = 'iets anders';
    await wait(60_000);
    expect(held).toBe('iets anders');
  });

  it('clears on "Klaar" (clearCopiedSecrets) at once, only once', async () => {
    render(<CopyButton text="k7xm-4rp9-tz2c-h8vd-qn3w" label="wachtwoord" sensitive />);
    await click(/Kopieer wachtwoord/u);
    await act(async () => {
      await clearCopiedSecrets();
    });
    expect(held).toBe('');
    held = 'later gekopieerd';
    await wait(60_000);
    expect(held).toBe('later gekopieerd');
  });

  it('without permission to read, clears unless a later copy of ours replaced it', async () => {
    readable = false;
    render(
      <>
        <CopyButton text="k7xm-4rp9-tz2c-h8vd-qn3w" label="wachtwoord" sensitive />
        <CopyButton text="sociale.dienst@lille.be" label="mailbox" />
      </>,
    );
    await click(/Kopieer wachtwoord/u);
    await wait(60_000);
    expect(held).toBe('');
    expect(clipboard.readText).not.toHaveBeenCalled();
    await click(/Kopieer wachtwoord/u);
    await click(/Kopieer mailbox/u);
    await wait(60_000);
    expect(held).toBe('sociale.dienst@lille.be');
  });

  it('a plain copy says only "Gekopieerd" and is never cleared', async () => {
    render(<CopyButton text="sociale.dienst@lille.be" label="mailbox" />);
    await click(/Kopieer mailbox/u);
    expect(screen.getByRole('status').textContent).toBe('Gekopieerd');
    await wait(120_000);
    expect(held).toBe('sociale.dienst@lille.be');
  });
});
