import { describe, expect, it } from 'vitest';
import { mailAddresses, parseMessage } from './mime';

// What the end-to-end tests rely on, read through mailparser: a draft shaped as Roundcube stores one, and the
// edges of the adapter (headers as text, html null, no text made from html). Synthetic people and data only.
const crlf = (...lines: string[]) => lines.join('\r\n');
const allByteValues = Uint8Array.from({ length: 512 }, (_, i) => (i * 7 + 3) & 0xff);
const wrap76 = (text: string) => text.replace(/.{1,76}/gu, (line) => `${line}\r\n`);

describe('parseMessage', () => {
  it('reads a Roundcube draft: encoded subject, flowed text, an attachment with an encoded name and exact bytes', async () => {
    const message = await parseMessage(
      crlf(
        'MIME-Version: 1.0',
        'Date: Mon, 03 Mar 2025 10:00:00 +0100',
        'From: tester@example.be',
        'To: "Peeters, Jan" <jan.peeters@example.be>, an.janssens@example.org',
        'Subject: =?UTF-8?Q?Aanmelding_Jan_Peeters_=E2=80=93_=C3=A9=C3=A9n?=',
        ' =?UTF-8?Q?_dossier?=',
        'X-Repeated: first',
        'X-Repeated: second',
        'Content-Type: multipart/mixed;',
        ' boundary="=_b1"',
        '',
        '--=_b1',
        'Content-Transfer-Encoding: quoted-printable',
        'Content-Type: text/plain; charset=UTF-8;',
        ' format=flowed',
        '',
        'Dag collega, in bijlage vindt u de aanmelding, versleuteld, zoals =',
        'afgesproken.=20',
        'Het wachtwoord volgt apart.',
        '',
        '--=20',
        'An Janssens',
        '',
        '--=_b1',
        'Content-Transfer-Encoding: base64',
        'Content-Type: application/zip;',
        ' name="=?UTF-8?Q?aanmelding_=C3=A9=C3=A9n=2Ezip?="',
        'Content-Disposition: attachment;',
        ' filename="=?UTF-8?Q?aanmelding_=C3=A9=C3=A9n=2Ezip?=";',
        ' size=512',
        '',
        wrap76(Buffer.from(allByteValues).toString('base64')),
        '--=_b1--',
        '',
      ),
    );
    expect(message.headers.subject).toBe('Aanmelding Jan Peeters – één dossier');
    expect(message.headers['x-repeated']).toBe('first');
    expect(message.headers.date).toBe('Mon, 03 Mar 2025 10:00:00 +0100');
    expect(message.headers['content-type']).toBe('multipart/mixed; boundary="=_b1"');
    expect(Object.keys(message.headers)).not.toContain('Subject');
    expect(mailAddresses(message.headers.to!)).toEqual(['jan.peeters@example.be', 'an.janssens@example.org']);
    expect(message.text.trimEnd()).toBe(
      'Dag collega, in bijlage vindt u de aanmelding, versleuteld, zoals afgesproken. Het wachtwoord volgt apart.\n\n-- \nAn Janssens',
    );
    expect(message.html).toBeNull();
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ filename: 'aanmelding één.zip', contentType: 'application/zip' });
    expect(Buffer.compare(message.attachments[0]!.bytes, allByteValues)).toBe(0);
  });

  it('keeps text and html apart, and never makes text out of an html-only message', async () => {
    const alternative = await parseMessage(
      crlf(
        'Subject: beide',
        'Content-Type: multipart/alternative; boundary=alt',
        '',
        '--alt',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'platte tekst',
        '--alt',
        'Content-Type: text/html; charset=UTF-8',
        '',
        '<p>opgemaakte tekst</p>',
        '--alt--',
        '',
      ),
    );
    expect(alternative.text.trim()).toBe('platte tekst');
    expect(alternative.html).toContain('<p>opgemaakte tekst</p>');
    expect(alternative.attachments).toEqual([]);

    const htmlOnly = await parseMessage(crlf('Subject: html', 'Content-Type: text/html; charset=UTF-8', '', '<p>alleen html</p>', ''));
    expect(htmlOnly.text).toBe('');
    expect(htmlOnly.html).toContain('alleen html');
  });

  it('reads raw UTF-8 header bytes and an RFC 2231 filename', async () => {
    const message = await parseMessage(
      new TextEncoder().encode(
        crlf(
          'Subject: Verwijzing Zoë',
          'Content-Type: multipart/mixed; boundary=b',
          '',
          '--b',
          'Content-Type: application/octet-stream',
          "Content-Disposition: attachment; filename*=UTF-8''bijlage%20Zo%C3%AB.bin",
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from([0, 255, 1]).toString('base64'),
          '--b--',
          '',
        ),
      ),
    );
    expect(message.headers.subject).toBe('Verwijzing Zoë');
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['bijlage Zoë.bin']);
    expect([...message.attachments[0]!.bytes]).toEqual([0, 255, 1]);
  });
});

describe('mailAddresses', () => {
  it('lists the bare addresses, ignoring commas in quoted names and opening groups', () => {
    expect(mailAddresses('"Peeters, Jan" <jan.peeters@example.be>, an.janssens@example.org, Els <els@example.be>')).toEqual([
      'jan.peeters@example.be',
      'an.janssens@example.org',
      'els@example.be',
    ]);
    expect(mailAddresses('OCMW: sociale.dienst@lille.be, onthaal@lille.be;')).toEqual(['sociale.dienst@lille.be', 'onthaal@lille.be']);
    expect(mailAddresses('undisclosed-recipients:;')).toEqual([]);
  });
});
