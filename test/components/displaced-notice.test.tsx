// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DisplacedNotice } from '../../components/panel/DisplacedNotice';
import { setLocale } from '../../lib/i18n';
import type { Displaced } from '../../lib/messages';

// Issue 21.10: the panel says what became of the mail the webmail showed, in one line, never nothing when something was there.

afterEach(() => {
  cleanup();
  setLocale('nl');
});

const kinds = ['reply', 'forward', 'draft'] as const;
const outcomes = ['draft', 'kept', 'unknown'] as const;

describe('DisplacedNotice', () => {
  it.each([
    [{ kind: 'reply', savedAs: 'draft', heldOurZip: false }, 'Je open antwoord is gesloten en eerst bewaard in Concepten.'],
    [{ kind: 'reply', savedAs: 'kept', heldOurZip: false }, 'Je open antwoord is niet vervangen: het staat nog open in je webmail.'],
    [{ kind: 'forward', savedAs: 'unknown', heldOurZip: false }, 'Het bericht dat je aan het doorsturen was, is gesloten. Kijk in Concepten of je webmail het bewaard heeft.'],
    [{ kind: 'draft', savedAs: 'draft', heldOurZip: true }, 'Je vorige concept met een versleuteld bestand is gesloten en eerst bewaard in Concepten.'],
    [{ kind: 'reply', savedAs: 'kept', heldOurZip: true }, 'Je vorige concept met een versleuteld bestand is niet vervangen: het staat nog open in je webmail.'],
  ] satisfies [Displaced, string][])('says it in one Dutch line: %j', (displaced, line) => {
    render(<DisplacedNotice displaced={displaced} />);
    expect(screen.getByRole('status').textContent).toBe(line);
  });

  it('says nothing when nothing of anyone’s was on screen', () => {
    const { container } = render(
      <>
        <DisplacedNotice displaced={null} />
        <DisplacedNotice displaced={undefined} />
      </>,
    );
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it.each(['nl', 'en', 'fr'] as const)('has its own line for every kind and outcome in %s, the zip of ours named apart', (locale) => {
    setLocale(locale);
    const texts = new Set<string>();
    for (const heldOurZip of [false, true]) {
      for (const kind of heldOurZip ? (['draft'] as const) : kinds) {
        for (const savedAs of outcomes) {
          render(<DisplacedNotice displaced={{ kind, savedAs, heldOurZip }} />);
          const text = screen.getByRole('status').textContent ?? '';
          expect(text.trim(), `${kind} ${savedAs}`).not.toBe('');
          texts.add(text);
          cleanup();
        }
      }
    }
    expect(texts.size).toBe(12);
  });
});
