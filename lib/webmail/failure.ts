import type { AdapterFailure, AdapterId, AdapterProblem, AdapterStep, Displaced } from '../messages';

/**
 * An adapter's failures as data (issue 23.5): the step, the element or thing concerned (`what`, as the selector map
 * names it) and the kind of problem. The panel and the options page say it in the user's language from that
 * (lib/webmail/names.ts); the English message is for developers and logs only, and nothing parses it back.
 */
export class AdapterError extends Error {
  constructor(
    readonly step: AdapterStep,
    readonly what: string,
    readonly problem: AdapterProblem,
    /** What became of the compose that was on screen, when the error is about leaving it (issue 21.10). */
    readonly displaced: Displaced | null = null,
    /** A few English words more for the developer's message (which tiers were tried, why a save failed). */
    readonly note = '',
  ) {
    super(english(what, problem, note));
    this.name = 'AdapterError';
  }
}

const forms: Record<AdapterProblem, (what: string, note: string) => string> = {
  notFound: (what) => `${what} not found`,
  timeout: (what) => `${what} not found in time`,
  notShown: (what) => `${what} not shown`,
  cancelled: (what) => `${what}: cancelled`,
  late: (what) => `${what} shown after its wait`,
  noTier: (_what, note) => `no attach tier worked (${note})`,
  noTierInTime: (_what, note) => `no attach tier worked in time (${note})`,
  readBackDiffers: () => 'To/Cc/Bcc read back differ from what was filled',
  noCompose: () => 'no compose form open',
  notSaved: (_what, note) => `the compose on screen was not saved as a draft (${note}): it stays open`,
  unexpected: () => 'unexpected error',
};

/** The developer's English for a problem ("drop zone not found in time"). */
export function english(what: string, problem: AdapterProblem, note = ''): string {
  return forms[problem](what, note);
}

/** A failure as it travels to the panel: the English detail beside the data it was made from. */
export type Described = { detail: string; failure: AdapterFailure };

/** One failure of `adapter`, described: `problem` with `what` (and a `note` for the developer). */
export function failed(adapter: AdapterId, what: string, problem: AdapterProblem, note = ''): Described {
  return { detail: `${adapter}: ${english(what, problem, note)}`, failure: { adapter, what, problem } };
}

/**
 * What went wrong, for the answer to the panel. Only our own adapter errors travel as they are (they name elements,
 * never data); anything else is summarised as 'unexpected'. The one place an error becomes a detail.
 */
export function describe(adapter: AdapterId, error: unknown): Described {
  return error instanceof AdapterError ? failed(adapter, error.what, error.problem, error.note) : failed(adapter, '', 'unexpected');
}
