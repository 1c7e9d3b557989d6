// Reads the sandbox's mailbox over IMAP for the end-to-end tests: imapflow on 127.0.0.1, plain text (the sandbox's
// Dovecot has no TLS and listens on loopback only), mailparser for the messages (./mime).
import { ImapFlow } from 'imapflow';
import { parseMessage, type ParsedMessage } from './mime';
import { sandboxSettings } from './server';

export type ImapConnectOptions = { imapPort?: number; user?: string; password?: string; timeoutMs?: number };

export type StoredMessage = ParsedMessage & { uid: number; raw: Uint8Array };

export type ReadMailboxOptions = ImapConnectOptions & {
  /** Default 'Drafts', where Roundcube saves drafts. */
  mailbox?: string;
  /** Only messages whose Subject contains this text (IMAP UID SEARCH SUBJECT, CHARSET UTF-8 when not ASCII). */
  subject?: string;
};

const defaultTimeoutMs = 10_000;

/** A logged-in imapflow client for the sandbox (defaults from sandboxSettings()). Close it with logout() or close(). */
export async function connectImap(options: ImapConnectOptions = {}): Promise<ImapFlow> {
  const defaults = sandboxSettings();
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: options.imapPort ?? defaults.imapPort,
    secure: false,
    doSTARTTLS: false, // loopback, and the sandbox offers no TLS
    auth: { user: options.user ?? defaults.user, pass: options.password ?? defaults.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  client.on('error', () => undefined); // a dropped connection also rejects the command in flight
  await client.connect();
  return client;
}

/**
 * Reads every message of the sandbox's Drafts folder (or options.mailbox), parsed, in UID order. The mailbox is
 * opened read-only (EXAMINE) and fetched with BODY.PEEK[], so nothing on the server changes.
 */
export async function readDrafts(options: ReadMailboxOptions = {}): Promise<StoredMessage[]> {
  const client = await connectImap(options);
  try {
    await client.mailboxOpen(options.mailbox ?? 'Drafts', { readOnly: true });
    const query = options.subject === undefined ? { all: true } : { subject: options.subject };
    const uids = await client.search(query, { uid: true });
    if (!uids) throw new Error(`IMAP UID SEARCH ${JSON.stringify(query)} failed`);
    const fetched = uids.length === 0 ? [] : await client.fetchAll(uids, { uid: true, source: true }, { uid: true });
    const messages = await Promise.all(
      fetched
        .filter((message) => message.source !== undefined)
        .sort((a, b) => a.uid - b.uid)
        .map(async (message) => ({ uid: message.uid, raw: message.source!, ...(await parseMessage(message.source!)) })),
    );
    await client.logout();
    return messages;
  } finally {
    client.close();
  }
}
