// A minimal IMAP4rev1 client over node:net for the end-to-end tests: plain text, loopback only. It logs in, selects
// a mailbox, searches UIDs, fetches whole messages (IMAP literals included) and logs out. Every wait has a timeout.
import { connect, type Socket } from 'node:net';
import { parseMessage, type ParsedMessage } from './mime';
import { sandboxSettings } from './server';

export type ImapConnectOptions = { host?: string; port: number; timeoutMs?: number };

/** One server response: its text (literals shown as `{N}`, as sent), and the literals' bytes in order. */
export type ImapResponse = { text: string; literals: Uint8Array[] };

export type MailboxStatus = { exists: number; uidValidity: number | null };

/** A command argument: text is sent as is, a Uint8Array as a synchronizing literal `{N}`. */
type CommandPart = string | Uint8Array;

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);
const defaultTimeoutMs = 10_000;
const CR = 0x0d;
const LF = 0x0a;

export class ImapError extends Error {}

export class ImapClient {
  private received: Buffer = Buffer.alloc(0);
  private partial: ImapResponse = { text: '', literals: [] };
  private literalBytesWanted = -1; // >= 0 while the bytes of a literal are arriving
  private readonly responses: ImapResponse[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;
  private tagNumber = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(new ImapError(`IMAP connection error: ${error.message}`)));
    socket.on('close', () => this.fail(new ImapError('IMAP connection closed')));
  }

  /** Connects and reads the greeting. Only loopback hosts are allowed: this client never speaks TLS. */
  static async connect(options: ImapConnectOptions): Promise<ImapClient> {
    const host = options.host ?? '127.0.0.1';
    if (!loopbackHosts.has(host)) throw new ImapError(`refusing plain-text IMAP to ${host}: loopback only`);
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const candidate = connect({ host, port: options.port });
      const timer = setTimeout(() => {
        candidate.destroy();
        reject(new ImapError(`no IMAP connection to ${host}:${options.port} within ${timeoutMs} ms`));
      }, timeoutMs);
      candidate.once('connect', () => {
        clearTimeout(timer);
        candidate.removeAllListeners('error');
        resolve(candidate);
      });
      candidate.once('error', (error) => {
        clearTimeout(timer);
        reject(new ImapError(`IMAP connection to ${host}:${options.port} failed: ${error.message}`));
      });
    });
    const client = new ImapClient(socket, timeoutMs);
    const greeting = await client.nextResponse();
    if (!/^\* (OK|PREAUTH)\b/iu.test(greeting.text)) {
      client.close();
      throw new ImapError(`unexpected IMAP greeting: ${greeting.text}`);
    }
    return client;
  }

  /** LOGIN. The error names the server's answer, never the password. */
  async login(user: string, password: string): Promise<void> {
    await this.command(['LOGIN ', astring(user), ' ', astring(password)]);
  }

  /** SELECT (or EXAMINE when readOnly) a mailbox; resolves with its message count and UIDVALIDITY. */
  async select(mailbox: string, options: { readOnly?: boolean } = {}): Promise<MailboxStatus> {
    const untagged = await this.command([options.readOnly ? 'EXAMINE ' : 'SELECT ', astring(mailbox)]);
    let exists = 0;
    let uidValidity: number | null = null;
    for (const response of untagged) {
      const count = /^\* (\d+) EXISTS\b/iu.exec(response.text);
      if (count) exists = Number(count[1]);
      const validity = /\[UIDVALIDITY (\d+)\]/iu.exec(response.text);
      if (validity) uidValidity = Number(validity[1]);
    }
    return { exists, uidValidity };
  }

  /** UID SEARCH ALL: every UID in the selected mailbox, ascending. */
  async searchAll(): Promise<number[]> {
    return this.search(['ALL']);
  }

  /** UID SEARCH SUBJECT: the UIDs whose Subject contains `text` (case-insensitive, decoded by the server). */
  async searchSubject(text: string): Promise<number[]> {
    // Non-ASCII search text goes as a UTF-8 literal, announced with CHARSET.
    const ascii = /^[\x20-\x7e]*$/u.test(text);
    return this.search(ascii ? ['SUBJECT ', quoted(text)] : ['CHARSET UTF-8 SUBJECT ', new TextEncoder().encode(text)]);
  }

  /** UID FETCH BODY.PEEK[] (does not set \Seen): the raw message bytes per UID. Missing UIDs are absent. */
  async fetchRaw(uids: number[]): Promise<Map<number, Uint8Array>> {
    const messages = new Map<number, Uint8Array>();
    if (uids.length === 0) return messages;
    if (!uids.every((uid) => Number.isInteger(uid) && uid > 0)) throw new ImapError(`invalid UIDs: ${uids.join(',')}`);
    const untagged = await this.command([`UID FETCH ${uids.join(',')} (UID BODY.PEEK[])`]);
    for (const response of untagged) {
      if (!/^\* \d+ FETCH \(/iu.test(response.text)) continue;
      const uid = /[( ]UID (\d+)/iu.exec(response.text);
      const body = /BODY\[\] \{(\d+)\+?\}/iu.exec(response.text);
      if (!uid || !body) continue; // an unsolicited FETCH, e.g. a flag change
      // The body is the literal whose {N} marker comes at this position in the text.
      const literalIndex = (response.text.slice(0, body.index).match(/\{\d+\+?\}/gu) ?? []).length;
      const bytes = response.literals[literalIndex];
      if (bytes) messages.set(Number(uid[1]), bytes);
    }
    return messages;
  }

  async logout(): Promise<void> {
    try {
      await this.command(['LOGOUT']);
    } finally {
      this.close();
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private async search(criteria: CommandPart[]): Promise<number[]> {
    const untagged = await this.command(['UID SEARCH ', ...criteria]);
    const uids: number[] = [];
    for (const response of untagged) {
      const found = /^\* SEARCH\b(.*)$/iu.exec(response.text);
      if (found) uids.push(...found[1]!.trim().split(/\s+/u).filter(Boolean).map(Number));
    }
    return uids.sort((a, b) => a - b);
  }

  /** Sends one tagged command and collects the untagged responses until its tagged completion. */
  private async command(parts: CommandPart[]): Promise<ImapResponse[]> {
    const tag = `A${++this.tagNumber}`;
    let line = `${tag} `;
    for (const part of parts) {
      if (typeof part === 'string') {
        if (/[\r\n]/u.test(part)) throw new ImapError('IMAP command text may not contain line breaks');
        line += part;
        continue;
      }
      this.write(`${line}{${part.length}}\r\n`);
      const goAhead = await this.nextResponse();
      if (!goAhead.text.startsWith('+')) throw new ImapError(`server refused a literal: ${goAhead.text}`);
      this.socket.write(part);
      line = '';
    }
    this.write(`${line}\r\n`);

    const untagged: ImapResponse[] = [];
    for (;;) {
      const response = await this.nextResponse();
      if (!response.text.startsWith(`${tag} `)) {
        untagged.push(response);
        continue;
      }
      const status = /^\S+ (OK|NO|BAD)\b ?(.*)$/iu.exec(response.text);
      if (status?.[1]?.toUpperCase() === 'OK') return untagged;
      const verb = (typeof parts[0] === 'string' ? parts[0] : '').trim().split(' ').slice(0, 2).join(' ');
      throw new ImapError(`IMAP ${verb} failed: ${response.text.slice(tag.length + 1)}`);
    }
  }

  private write(text: string): void {
    this.socket.write(Buffer.from(text, 'utf8'));
  }

  /** The next complete response, or an error when none arrives within the timeout. */
  private nextResponse(): Promise<ImapResponse> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        const response = this.responses.shift();
        if (response) {
          clearTimeout(timer);
          this.waiter = null;
          resolve(response);
        } else if (this.failure) {
          clearTimeout(timer);
          this.waiter = null;
          reject(this.failure);
        }
      };
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new ImapError(`no IMAP response within ${this.timeoutMs} ms`));
        this.close();
      }, this.timeoutMs);
      this.waiter = settle;
      settle();
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiter?.();
  }

  /** Splits the byte stream into responses: lines ending in CRLF, each `{N}` at a line end followed by N bytes. */
  private receive(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    for (;;) {
      if (this.literalBytesWanted >= 0) {
        if (this.received.length < this.literalBytesWanted) break;
        this.partial.literals.push(new Uint8Array(this.received.subarray(0, this.literalBytesWanted)));
        this.received = this.received.subarray(this.literalBytesWanted);
        this.literalBytesWanted = -1;
        continue;
      }
      const lineEnd = this.received.indexOf(LF);
      if (lineEnd < 0) break;
      const end = lineEnd > 0 && this.received[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const line = this.received.subarray(0, end).toString('latin1');
      this.received = this.received.subarray(lineEnd + 1);
      this.partial.text += line;
      const literal = /\{(\d+)\+?\}$/u.exec(line);
      if (literal) {
        this.literalBytesWanted = Number(literal[1]);
        continue;
      }
      this.responses.push(this.partial);
      this.partial = { text: '', literals: [] };
    }
    this.waiter?.();
  }
}

/** A quoted string, for ASCII text without line breaks. */
function quoted(text: string): string {
  if (!/^[\x20-\x7e]*$/u.test(text)) throw new ImapError('only printable ASCII can be sent as a quoted string');
  return `"${text.replace(/[\\"]/gu, (char) => `\\${char}`)}"`;
}

/** An astring argument: quoted when it is printable ASCII, otherwise a UTF-8 literal. */
function astring(text: string): CommandPart {
  return /^[\x20-\x7e]*$/u.test(text) ? quoted(text) : new TextEncoder().encode(text);
}

export type StoredMessage = ParsedMessage & { uid: number; raw: Uint8Array };

export type ReadMailboxOptions = {
  imapPort?: number;
  user?: string;
  password?: string;
  /** Default 'Drafts', where Roundcube saves drafts. */
  mailbox?: string;
  /** Only messages whose Subject contains this text (IMAP UID SEARCH SUBJECT). */
  subject?: string;
  timeoutMs?: number;
};

/**
 * Reads every message of the sandbox's Drafts folder (or options.mailbox), parsed, in UID order. The mailbox is
 * opened read-only and fetched with BODY.PEEK[], so nothing on the server changes.
 */
export async function readDrafts(options: ReadMailboxOptions = {}): Promise<StoredMessage[]> {
  const defaults = sandboxSettings();
  const client = await ImapClient.connect({ port: options.imapPort ?? defaults.imapPort, timeoutMs: options.timeoutMs });
  try {
    await client.login(options.user ?? defaults.user, options.password ?? defaults.password);
    await client.select(options.mailbox ?? 'Drafts', { readOnly: true });
    const uids = options.subject === undefined ? await client.searchAll() : await client.searchSubject(options.subject);
    const raw = await client.fetchRaw(uids);
    const messages = uids.flatMap((uid) => {
      const bytes = raw.get(uid);
      return bytes ? [{ uid, raw: bytes, ...parseMessage(bytes) }] : [];
    });
    await client.logout();
    return messages;
  } finally {
    client.close();
  }
}
