/**
 * A copied password must not stay on the clipboard (RULES §6): it is cleared after a minute, and when the referral is
 * done ("Klaar"), but only while it still holds our password, never what the user copied since.
 *
 * Reading the clipboard back needs a permission the extension does not ask for: asking would show the user a prompt.
 * So it is read only when the browser says reading is already granted. Otherwise the last copy we know of decides:
 * a copy made through our copy buttons or in our pages since the password replaced it (nothing to clear); if none,
 * the clipboard is overwritten with nothing. A copy made in another program since then is lost in that case: the
 * price of not leaving a password behind.
 */
export const clearAfterMs = 60_000;

type Pending = { text: string; timer: ReturnType<typeof setTimeout>; onCleared?: () => void };
let pending: Pending | null = null;

const clipboard = (): Clipboard => navigator.clipboard;

async function mayRead(): Promise<boolean> {
  try {
    const state = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
    return state.state === 'granted';
  } catch {
    return false; // Firefox knows no such permission name.
  }
}

/** Copies a secret and clears it after a minute, if it is still there. Throws when the copy itself fails. */
export async function copySecret(text: string, onCleared?: () => void): Promise<void> {
  await clipboard().writeText(text);
  if (pending) clearTimeout(pending.timer);
  pending = { text, onCleared, timer: setTimeout(() => void clearCopiedSecrets(), clearAfterMs) };
}

/** Something else was copied since (another copy button, a copy in our page): the secret is no longer there. */
export function noteOtherCopy(): void {
  if (pending) clearTimeout(pending.timer);
  pending = null;
}

/** Clears a secret we copied, now, if the clipboard still holds it. For the panel's "Klaar"; safe to call any time. */
export async function clearCopiedSecrets(): Promise<void> {
  const current = pending;
  if (!current) return;
  clearTimeout(current.timer);
  pending = null;
  try {
    if (await mayRead()) {
      if ((await clipboard().readText()) !== current.text) return;
    }
    await clipboard().writeText('');
    current.onCleared?.();
  } catch {
    // The browser refused (the page is not focused): nothing more an extension page can do.
  }
}

// A copy made by the user in one of our pages replaces the secret: do not wipe it later.
if (typeof document !== 'undefined') {
  document.addEventListener('copy', noteOtherCopy, true);
  document.addEventListener('cut', noteOtherCopy, true);
}
