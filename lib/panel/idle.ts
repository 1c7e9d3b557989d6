import { idleLimitMs } from '../session/form-schema';

/**
 * The panel's idle limits (issue 20.2), in every phase that holds client data or a password (client, done, fallback,
 * withdrawal, correction): a password on screen is hidden behind "Toon wachtwoord" after a few minutes without
 * input, and everything is wiped after 30, as the threat model promises for a shared PC.
 */
export const passwordVeilAfterMs = 5 * 60 * 1000;
export const panelWipeAfterMs = idleLimitMs;
/** How often an open panel looks at the clock: a sleeping laptop's timers may fire late, the comparison never does. */
export const idleTickMs = 2_000;

/** The events that count as the worker's input in the panel. */
export const inputEvents = ['keydown', 'pointerdown', 'input', 'wheel'] as const;

/** True once `limitMs` has passed since the last input. Compares clock readings, so a late timer cannot stretch a limit. */
export function idleFor(lastInputAt: number, now: number, limitMs: number): boolean {
  return now - lastInputAt >= limitMs;
}
