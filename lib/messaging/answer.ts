/**
 * An `onMessage` listener that answers with a promise, in the form Chrome and Firefox both understand without
 * webextension-polyfill: the answer goes through `sendResponse`, and the listener returns `true` to keep the channel
 * open until it does. (Firefox takes a returned promise, and so does the Chromium 156 here; older Chrome and Edge
 * releases, which organisations keep for a while, ignore one. That is what the polyfill papered over, at 2.7 KB gzip
 * in every webmail page.) A message the handler does not take (`undefined` instead of a promise) gets no answer
 * from this listener, so another one may answer it. A failed promise answers `undefined`: the sender sees no answer,
 * never an error object from this side.
 */
export function answering<Sender>(
  handle: (message: unknown, sender: Sender) => Promise<unknown> | undefined,
): (message: unknown, sender: Sender, sendResponse: (response?: unknown) => void) => true | undefined {
  return (message, sender, sendResponse) => {
    const answer = handle(message, sender);
    if (answer === undefined) return undefined;
    answer.then(
      (value) => sendResponse(value),
      () => sendResponse(undefined),
    );
    return true;
  };
}
