import { describe, expect, it } from 'vitest';
import { FakeOffice, installFakeOffice, officeErrors } from './fake-office';

// The fake itself (issue 22.5): what the add-in's tests rely on it to do as Outlook does.

type Result<T> = Office.AsyncResult<T>;
const settle = <T>(start: (callback: (result: Result<T>) => void) => void) => new Promise<Result<T>>((resolve) => start(resolve));

describe('FakeOffice', () => {
  it('answers every call asynchronously, with the status strings office.js sets at runtime', async () => {
    const office = new FakeOffice();
    let called = false;
    const pending = settle<string>((callback) =>
      office.item.subject.getAsync((result) => {
        called = true;
        callback(result);
      }),
    );
    expect(called).toBe(false);
    const result = await pending;
    expect(String(result.status)).toBe('succeeded');
    expect(result.value).toBe('');
  });

  it('refuses a fourth call in flight with TooManyIncompleteRequests (Outlook on the web allows three)', async () => {
    const office = new FakeOffice({ latencyMs: 5 });
    const results = await Promise.all([1, 2, 3, 4].map(() => settle<string>((callback) => office.item.subject.getAsync(callback))));
    expect(results.map((result) => String(result.status))).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed']);
    expect(results[3]?.error).toMatchObject({ name: 'TooManyIncompleteRequests', code: 5100 });
    expect(office.maxInFlight).toBe(4);
  });

  it('queues an attachment until saveAsync commits it; its content is then base64, or text under new Outlook quirk', async () => {
    for (const contentQuirk of [false, true]) {
      const office = new FakeOffice({ contentQuirk });
      const added = await settle<string>((callback) => office.item.addFileAttachmentFromBase64Async(btoa('PK\u0003\u0004zip'), 'a.zip', { isInline: false }, callback));
      expect(String(added.status)).toBe('succeeded');
      expect((await settle<Office.AttachmentDetailsCompose[]>((callback) => office.item.getAttachmentsAsync(callback))).value).toEqual([]);
      expect((await settle<Office.AttachmentContent>((callback) => office.item.getAttachmentContentAsync(added.value, callback))).error.name).toBe('InvalidAttachmentId');
      await settle<string>((callback) => office.item.saveAsync(callback));
      const [listed] = (await settle<Office.AttachmentDetailsCompose[]>((callback) => office.item.getAttachmentsAsync(callback))).value;
      expect(listed).toMatchObject({ name: 'a.zip', size: 7, attachmentType: 'file', isInline: false });
      const content = (await settle<Office.AttachmentContent>((callback) => office.item.getAttachmentContentAsync(added.value, callback))).value;
      expect(content.format).toBe('base64');
      expect(content.content === btoa('PK\u0003\u0004zip')).toBe(!contentQuirk);
    }
  });

  it('enforces the documented limits and injected errors', async () => {
    const office = new FakeOffice({ maxTotalBytes: 4, maxAttachments: 1 });
    const add = (base64: string) => settle<string>((callback) => office.item.addFileAttachmentFromBase64Async(base64, 'x.zip', { isInline: false }, callback));
    expect((await add(btoa('12345'))).error.name).toBe('AttachmentSizeExceeded');
    expect(String((await add(btoa('123'))).status)).toBe('succeeded');
    expect((await add(btoa('1'))).error.name).toBe('NumberOfAttachmentsExceeded');
    expect((await settle<unknown>((callback) => office.item.subject.setAsync('x'.repeat(256), callback))).error.name).toBe('DataExceedsMaximumSize');
    office.failNext('saveAsync', officeErrors.internal);
    expect((await settle<string>((callback) => office.item.saveAsync(callback))).error.name).toBe('InternalError');
    expect(String((await settle<string>((callback) => office.item.saveAsync(callback))).status)).toBe('succeeded');
  });

  it('stands in for office.js in a page: Office.context.mailbox.item, and the requirement sets it supports', () => {
    const page: Record<string, unknown> = {};
    const office = new FakeOffice({ mailbox110: false });
    installFakeOffice(page, office);
    const installed = page['Office'] as { context: { mailbox: { item: unknown }; requirements: { isSetSupported: (name: string, version?: string) => boolean } } };
    expect(installed.context.mailbox.item).toBe(office.item);
    expect(installed.context.requirements.isSetSupported('Mailbox', '1.8')).toBe(true);
    expect(installed.context.requirements.isSetSupported('Mailbox', '1.10')).toBe(false);
  });
});
