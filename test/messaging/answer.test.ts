import { describe, expect, it, vi } from 'vitest';
import { answering } from '../../lib/messaging/answer';
import { unansweredSchema } from '../../lib/messages';

// Without webextension-polyfill, an answer goes through sendResponse with `true` returned, the form every Chrome,
// Edge and Firefox release understands. The e2e tests prove it in Chromium and Firefox; this holds the three cases.
describe('answering', () => {
  it('answers through sendResponse and keeps the channel open', async () => {
    const sendResponse = vi.fn();
    const listener = answering((message: unknown) => Promise.resolve({ echo: message }));
    expect(listener('hallo', {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ echo: 'hallo' }));
  });

  it('leaves a message it does not take to other listeners: no answer, channel not held', () => {
    const sendResponse = vi.fn();
    const listener = answering(() => undefined);
    expect(listener({ type: 'iets' }, {}, sendResponse)).toBeUndefined();
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('answers that the handler failed, never the error', async () => {
    const sendResponse = vi.fn();
    const listener = answering(() => Promise.reject(new Error('intern: niet voor de afzender')));
    expect(listener({}, {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1));
    expect(sendResponse).toHaveBeenCalledWith({ unanswered: 'failed' });
    expect(unansweredSchema.safeParse(sendResponse.mock.calls[0]![0]).success).toBe(true);
  });
});
