import { describe, expect, it } from 'vitest';
import { decodeFieldText, mailAddresses, parseMessage } from './mime';

// Synthetic messages only: invented people at example domains.
const crlf = (...lines: string[]) => lines.join('\r\n');
const latin1 = (text: string) => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
const concat = (...chunks: (string | Uint8Array)[]) => {
  const parts = chunks.map((chunk) => (typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const wrap76 = (text: string) => text.replace(/.{1,76}/gu, (line) => `${line}\r\n`);
const allByteValues = Uint8Array.from({ length: 512 }, (_, i) => (i * 7 + 3) & 0xff);

describe('headers', () => {
  it('lower-cases names, unfolds folded lines and keeps the first of a repeated field', () => {
    const message = parseMessage(
      crlf(
        'From: Jan Peeters <jan.peeters@example.be>',
        'Subject: Aanmelding voor',
        '  een gesprek',
        '\tmet het OCMW',
        'X-Repeated: first',
        'X-Repeated: second',
        'MIME-Version: 1.0',
        '',
        'Dag An,',
      ),
    );
    expect(message.headers.subject).toBe('Aanmelding voor  een gesprek\tmet het OCMW');
    expect(message.headers.from).toBe('Jan Peeters <jan.peeters@example.be>');
    expect(message.headers['x-repeated']).toBe('first');
    expect(message.headers['mime-version']).toBe('1.0');
    expect(Object.keys(message.headers)).not.toContain('Subject');
    expect(message.text).toBe('Dag An,');
  });

  it('decodes RFC 2047 B and Q words in UTF-8 and ISO-8859-1, joining a character split over two words', () => {
    const een = new TextEncoder().encode('één'); // c3 a9 c3 a9 6e
    const subject = `Subject: =?UTF-8?B?${b64(een.subarray(0, 3))}?=\r\n =?utf-8?b?${b64(een.subarray(3))}?= dossier`;
    const message = parseMessage(
      crlf(
        subject,
        'To: =?iso-8859-1?Q?Els_Cl=E6s?= <els.claes@example.be>, =?utf-8?q?Ren=C3=A9_Maes?= <rene.maes@example.org>',
        'Cc: =?UTF-8*nl?Q?Mich=C3=A8le?= <michele@example.be>',
        '',
        'body',
      ),
    );
    expect(message.headers.subject).toBe('één dossier');
    expect(message.headers.to).toBe('Els Clæs <els.claes@example.be>, René Maes <rene.maes@example.org>');
    expect(message.headers.cc).toBe('Michèle <michele@example.be>');
  });

  it('drops the blanks between encoded-words but keeps ordinary words and unknown charsets readable', () => {
    expect(decodeFieldText('=?utf-8?q?Jan?=   =?utf-8?q?_Peeters?=')).toBe('Jan Peeters');
    expect(decodeFieldText('Re: =?utf-8?q?caf=C3=A9?= and tea')).toBe('Re: café and tea');
    expect(decodeFieldText('=?x-unknown?q?plain?=')).toBe('plain');
    expect(decodeFieldText('not =?an encoded word')).toBe('not =?an encoded word');
  });

  it('reads raw 8-bit header bytes as UTF-8, or as ISO-8859-1 when they are not UTF-8', () => {
    const message = parseMessage(
      concat('Subject: Verwijzing Zoë\r\nX-Old: ', latin1('Fran\xe7ois'), '\r\n\r\nbody'),
    );
    expect(message.headers.subject).toBe('Verwijzing Zoë');
    expect(message.headers['x-old']).toBe('François');
  });

  it('finds addresses in an address list, ignoring commas in quoted names', () => {
    expect(
      mailAddresses('"Peeters, Jan" <jan.peeters@example.be>, an.janssens@example.org, Els <els@example.be>'),
    ).toEqual(['jan.peeters@example.be', 'an.janssens@example.org', 'els@example.be']);
    expect(mailAddresses('undisclosed-recipients:;')).toEqual([]);
  });
});

describe('single-part bodies', () => {
  it('defaults to text/plain and normalises line ends to \\n', () => {
    const message = parseMessage('Subject: x\r\n\r\nregel 1\r\nregel 2\r\n');
    expect(message.text).toBe('regel 1\nregel 2\n');
    expect(message.html).toBeNull();
    expect(message.attachments).toEqual([]);
  });

  it('accepts a message with LF line ends only', () => {
    const message = parseMessage('Subject: alleen LF\nContent-Type: text/plain; charset=utf-8\n\nDag Jan\nTot later\n');
    expect(message.headers.subject).toBe('alleen LF');
    expect(message.text).toBe('Dag Jan\nTot later\n');
  });

  it('decodes quoted-printable: soft breaks, =XX bytes in the charset, trailing blanks dropped', () => {
    const message = parseMessage(
      crlf(
        'Content-Type: text/plain; charset="utf-8"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Een lange regel die over twee regels =',
        'loopt, met caf=C3=A9 en =3D.   ',
        'Tweede regel',
      ),
    );
    expect(message.text).toBe('Een lange regel die over twee regels loopt, met café en =.\nTweede regel');
  });

  it('decodes ISO-8859-1 text as ISO-8859-1 and base64 text in its charset', () => {
    const iso = parseMessage(concat('Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n', latin1('Gar\xe7on \xa9')));
    expect(iso.text).toBe('Garçon ©');
    // Real ISO-8859-1, not the web's windows-1252 reading of the label: 0x80 is U+0080, not '€'.
    expect(parseMessage(concat('Content-Type: text/plain; charset=iso-8859-1\r\n\r\n', latin1('\x80'))).text).toBe('\u0080');
    const based = parseMessage(
      crlf('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrap76(b64('Dag Zoë ✓'))),
    );
    expect(based.text).toBe('Dag Zoë ✓');
  });

  it('joins format=flowed lines, undoes space-stuffing and keeps the signature separator', () => {
    const message = parseMessage(
      crlf(
        'Content-Type: text/plain; charset=UTF-8; format=flowed',
        '',
        'Dit is een lange zin die de mailclient ',
        'op twee regels heeft gezet.',
        ' From the start, space-stuffed.',
        '> geciteerde ',
        '> tekst',
        '-- ',
        'Jan',
        '',
      ),
    );
    expect(message.text).toBe(
      'Dit is een lange zin die de mailclient op twee regels heeft gezet.\nFrom the start, space-stuffed.\n> geciteerde tekst\n-- \nJan\n',
    );
    const delsp = parseMessage(crlf('Content-Type: text/plain; format=flowed; delsp=yes', '', 'aan ', 'elkaar'));
    expect(delsp.text).toBe('aanelkaar');
  });

  it('treats an html-only message as html with an empty text', () => {
    const message = parseMessage(crlf('Content-Type: text/html; charset=utf-8', '', '<p>Dag <b>An</b></p>'));
    expect(message.text).toBe('');
    expect(message.html).toBe('<p>Dag <b>An</b></p>');
  });
});

describe('multipart', () => {
  const nested = concat(
    crlf(
      'From: Jan Peeters <jan.peeters@example.be>',
      'To: An Janssens <an.janssens@example.org>',
      'Subject: =?UTF-8?Q?Aanmelding_Zo=C3=AB?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed;',
      ' boundary="=_outer"',
      '',
      'This is the preamble; it is not a part.',
      '--=_outer',
      'Content-Type: multipart/alternative; boundary="=_outer-alt"',
      '',
      '--=_outer-alt',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Dag An,=0D=0A',
      '--=_outer is not a delimiter inside a line: --=_outer',
      '--=_outer-alt',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>Dag An,</p>',
      '--=_outer-alt--',
      '',
      '--=_outer',
      'Content-Type: application/octet-stream; name="ignored-name.bin"',
      'Content-Disposition: attachment; filename="verwijzing \\"Jan\\".bin"',
      'Content-Transfer-Encoding: base64',
      '',
      wrap76(b64(allByteValues)),
      '--=_outer',
      `Content-Type: application/pdf; name="=?UTF-8?B?${b64('brief-é')}?=`,
      ` =?UTF-8?B?${b64('én.pdf')}?="`,
      'Content-Transfer-Encoding: 8bit',
      '',
      '',
    ),
    Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x0a, 0x00, 0xff, 0x0d]),
    crlf('', '--=_outer--', 'This epilogue is ignored.', ''),
  );

  it('recurses into nested multiparts and finds text, html and attachments in order', () => {
    const message = parseMessage(nested);
    expect(message.headers.subject).toBe('Aanmelding Zoë');
    expect(message.text).toBe('Dag An,\n\n--=_outer is not a delimiter inside a line: --=_outer');
    expect(message.html).toBe('<p>Dag An,</p>');
    expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['verwijzing "Jan".bin', 'application/octet-stream'],
      ['brief-één.pdf', 'application/pdf'],
    ]);
  });

  it('returns attachment bytes exactly: base64 with all byte values, and raw 8-bit bytes', () => {
    const [binary, pdf] = parseMessage(nested).attachments;
    expect(binary!.bytes).toEqual(allByteValues);
    expect(binary!.bytes).toBeInstanceOf(Uint8Array);
    expect([...pdf!.bytes]).toEqual([0x25, 0x50, 0x44, 0x46, 0x0a, 0x00, 0xff, 0x0d]);
  });

  it('does not mistake a longer boundary that starts the same way for a delimiter', () => {
    const message = parseMessage(
      crlf(
        'Content-Type: multipart/mixed; boundary=abc',
        '',
        '--abc',
        'Content-Type: text/plain',
        '',
        'eerste',
        '--abcdef',
        'nog steeds eerste',
        '--abc  ',
        'Content-Type: text/plain',
        '',
        'tweede',
        '--abc--',
      ),
    );
    expect(message.text).toBe('eerste\n--abcdef\nnog steeds eerste\ntweede');
  });

  it('is lenient about a missing closing delimiter', () => {
    const message = parseMessage(crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'alleen tekst', ''));
    expect(message.text).toBe('alleen tekst\n');
  });

  it('treats message/rfc822 and text with a filename as attachments, not as body text', () => {
    const message = parseMessage(
      crlf(
        'Content-Type: multipart/mixed; boundary=x',
        '',
        '--x',
        'Content-Type: text/plain',
        '',
        'de brief',
        '--x',
        'Content-Type: text/plain; name=notities.txt',
        'Content-Disposition: inline',
        '',
        'notities',
        '--x',
        'Content-Type: message/rfc822',
        '',
        'Subject: doorgestuurd',
        '',
        'oud bericht',
        '--x--',
      ),
    );
    expect(message.text).toBe('de brief');
    expect(message.attachments.map((a) => [a.filename, a.contentType, new TextDecoder().decode(a.bytes)])).toEqual([
      ['notities.txt', 'text/plain', 'notities'],
      ['', 'message/rfc822', 'Subject: doorgestuurd\r\n\r\noud bericht'],
    ]);
  });
});

describe('attachment names', () => {
  const named = (...headers: string[]) =>
    parseMessage(crlf('Content-Type: multipart/mixed; boundary=n', '', '--n', ...headers, '', 'x', '--n--')).attachments[0]!;

  it('reads an RFC 2231 extended filename* with charset and language', () => {
    expect(named("Content-Disposition: attachment; filename*=UTF-8'nl'%E2%82%AC%20rapport.zip").filename).toBe(
      '€ rapport.zip',
    );
    expect(named("Content-Disposition: attachment; filename*=iso-8859-1''Fran%E7ois.txt").filename).toBe(
      'François.txt',
    );
  });

  it('joins RFC 2231 continuations in numeric order, mixing encoded and plain sections', () => {
    const attachment = named(
      'Content-Type: application/zip',
      'Content-Disposition: attachment;',
      ' filename*1="-lange-naam";',
      " filename*0*=utf-8''aanmelding-%C3%A9%C3%A9n;",
      ' filename*2*=%2Ezip',
    );
    expect(attachment.filename).toBe('aanmelding-één-lange-naam.zip');
    expect(attachment.contentType).toBe('application/zip');
  });

  it('prefers the RFC 2231 form over a plain filename, and the disposition over the content type name', () => {
    expect(named('Content-Disposition: attachment; filename="oud.txt"; filename*=utf-8\'\'nieuw.txt').filename).toBe(
      'nieuw.txt',
    );
    expect(named('Content-Type: text/csv; name="type.csv"', 'Content-Disposition: attachment; filename=disp.csv').filename).toBe(
      'disp.csv',
    );
    expect(named('Content-Type: text/csv; name=alleen-type.csv').filename).toBe('alleen-type.csv');
  });
});
