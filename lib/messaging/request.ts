import type { Reply, Unanswered } from './answer';

/** Any schema of the protocol table (lib/messages.ts), by the one method used here: no zod import needed. */
type Parser = { safeParse(value: unknown): { success: true; data: unknown } | { success: false } };
type Parsed<S> = S extends { safeParse(value: unknown): infer R } ? Extract<R, { success: true }> extends { data: infer T } ? T : never : never;

/** How a message travels: runtime messaging to the background in the extension, a stand-in in tests. */
export type Transport<M> = (message: M) => Promise<unknown>;

/**
 * A sender over one vocabulary of the protocol table: each request is parsed with its answer's schema, and what comes
 * back otherwise is told apart (issue 23.5). A rejected send or no answer at all: nobody of ours listens there
 * ('noReceiver'); the receiver's mark `{ unanswered }`: what it says; anything else: 'invalid'. Never throws.
 */
export function requester<M extends { type: string }, Table extends { readonly [K in M['type']]: Parser }>(
  transport: Transport<M>,
  answers: Table,
  mark: Parser,
): <K extends M['type']>(message: Extract<M, { type: K }>) => Promise<Reply<Parsed<Table[K]>>> {
  return async (message) => {
    let value: unknown;
    try {
      value = await transport(message);
    } catch {
      return { ok: false, reason: 'noReceiver' };
    }
    const type: M['type'] = message.type;
    const parsed = answers[type].safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data as Parsed<Table[typeof type]> };
    if (value === undefined || value === null) return { ok: false, reason: 'noReceiver' };
    const said = mark.safeParse(value);
    const reason = said.success ? (said.data as { unanswered: Unanswered }).unanswered : 'invalid';
    return { ok: false, reason };
  };
}

/** The answer, or null whatever kept it: for callers that only fall back. */
export const valueOf = <T>(reply: Reply<T>): T | null => (reply.ok ? reply.value : null);
