/**
 * Why a request got no answer the sender can use (issue 23.5), as data the caller can act on: nobody of ours listens
 * there (no content script in the tab, a tab we do not drive, the tab gone), the receiver's handler failed, or the
 * answer is not of the protocol's shape (another version of the extension on the other side).
 */
export type Unanswered = 'noReceiver' | 'failed' | 'invalid';

/** A request's outcome: the parsed answer, or why there is none. */
export type Reply<T> = { ok: true; value: T } | { ok: false; reason: Unanswered };

/** What a listener sends instead of an answer it could not give (`unansweredSchema` in lib/messages.ts checks it). */
export type UnansweredMark = { readonly unanswered: Exclude<Unanswered, 'invalid'> };
export const unanswered = (reason: UnansweredMark['unanswered']): UnansweredMark => ({ unanswered: reason });

/**
 * An `onMessage` listener that answers with a promise, in the form Chrome and Firefox both understand without
 * webextension-polyfill: the answer goes through `sendResponse`, and the listener returns `true` to keep the channel
 * open until it does. (Firefox takes a returned promise, and so does the Chromium 156 here; older Chrome and Edge
 * releases, which organisations keep for a while, ignore one. That is what the polyfill papered over, at 2.7 KB gzip
 * in every webmail page.) A message the handler does not take (`undefined` instead of a promise) gets no answer
 * from this listener, so another one may answer it. A failed promise answers the mark `{ unanswered: 'failed' }`:
 * the sender learns that it failed, never an error object from this side.
 */
export function answering<Sender>(
  handle: (message: unknown, sender: Sender) => Promise<unknown> | undefined,
): (message: unknown, sender: Sender, sendResponse: (response?: unknown) => void) => true | undefined {
  return (message, sender, sendResponse) => {
    const answer = handle(message, sender);
    if (answer === undefined) return undefined;
    answer.then(
      (value) => sendResponse(value),
      () => sendResponse(unanswered('failed')),
    );
    return true;
  };
}
