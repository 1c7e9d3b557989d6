/**
 * What the shared panel needs from the shell it runs in (issue 22.1): the browser extension (WXT, `browser.*`) or
 * the Outlook add-in's task pane (a plain web page beside Office.js). The shell sets it once, before anything else
 * runs: `setPlatform(...)` in each entrypoint (`lib/platform/extension.ts` for the extension, `addin/platform.ts` for
 * the add-in); the tests set the extension's over WXT's fake browser (`test/setup.ts`). Nothing in `lib/` or
 * `components/` outside the shells' own modules reads `browser.*`.
 */
export type Platform = {
  /**
   * The organisation's settings, unchecked (the caller validates them per entry): the enterprise policy
   * (`storage.managed`) in the extension, the JSON file IT serves beside the task pane in the add-in. `{}` when none.
   */
  organisationSettings(keys?: readonly string[]): Promise<Record<string, unknown>>;
  /** Calls back when the organisation's settings change; returns the unsubscribe. */
  onOrganisationSettingsChange(listener: () => void): () => void;
  /**
   * Deletes the values earlier versions kept in `storage.local` under `keys` (the extension), in one call; nothing to
   * do elsewhere. The vault (lib/settings/vault.ts) calls it with its retired keys whenever it opens its database.
   */
  removeLegacy(keys: readonly string[]): Promise<void>;
  /** The background's broadcasts to the extension's pages (the idle wipe); the add-in has none. */
  onBroadcast(listener: (message: unknown) => void): () => void;
  /** Opens the settings page (the extension's options page; the add-in's settings view). */
  openSettings(): void;
  /**
   * True where drafts are made by scripting a webmail's page (the extension), which a webmail update can break: a failed
   * step then says so. False where a documented API makes them (the add-in over Office.js).
   */
  readonly scriptsWebmailPages: boolean;
};

let current: Platform | undefined;

export function setPlatform(platform: Platform): void {
  current = platform;
}

export function platform(): Platform {
  if (!current) throw new Error('platform: the shell did not set one (setPlatform in its entrypoint)');
  return current;
}
