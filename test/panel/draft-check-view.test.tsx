// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProblemList } from '../../components/panel/DraftCheckView';
import type { DraftProblem } from '../../lib/panel/verify';

// Issue 20 items 1, 7 and 8: the new problems in Dutch, and "Vul opnieuw in" where the panel can put things back.
const fileName = 'aanmelding-KG-7F3Q-2M9X.zip';
const subject = 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X';
const alerts = () => screen.queryAllByRole('alert').map((alert) => alert.textContent);
const refill = () => screen.queryByRole('button', { name: 'Vul opnieuw in' });

describe('ProblemList', () => {
  afterEach(cleanup);

  it('names each new problem in Dutch', () => {
    const problems: DraftProblem[] = [
      { kind: 'replyTo', found: ['attacker@example.org'] },
      { kind: 'followupTo', found: ['lijst@example.org'] },
      { kind: 'from', found: 'gedeeld.team@kindengezin.be', expected: 'sofie.wouters@kindengezin.be' },
      { kind: 'subject', found: '', expected: subject },
      { kind: 'body' },
      { kind: 'leak', finding: { kind: 'name', where: 'attachment' } },
    ];
    render(<ProblemList problems={problems} fileName={fileName} />);
    expect(alerts()).toEqual([
      'Antwoorden gaan naar attacker@example.org: dit concept is niet in orde. Maak een nieuw concept.',
      'Antwoorden aan allen gaan naar lijst@example.org: dit concept is niet in orde. Maak een nieuw concept.',
      'Afzender is gedeeld.team@kindengezin.be in plaats van sofie.wouters@kindengezin.be. Kies sofie.wouters@kindengezin.be als afzender in je webmail en klik op Controleer opnieuw.',
      `Het onderwerp is niet het onderwerp dat het panel maakte. Nu: (leeg). Het moet zijn: ${subject}. Zet het juiste onderwerp terug en klik op Controleer opnieuw.`,
      expect.stringMatching(/^De tekst van de mail is niet de tekst die het panel maakte: hij is leeg/u),
      expect.stringMatching(/^Let op: de naam van de cliënt staat leesbaar in de naam van de bijlage van de mail\./u),
    ]);
  });

  it.each<[string, DraftProblem]>([
    ['To', { kind: 'to', found: [] }],
    ['the subject', { kind: 'subject', found: '', expected: subject }],
    ['the text', { kind: 'body' }],
    ['the attachment', { kind: 'attachment', found: [] }],
  ])('offers "Vul opnieuw in" when %s is wrong, and calls back on a click', (_label, problem) => {
    const onRefill = vi.fn();
    render(<ProblemList problems={[{ kind: 'cc', found: ['collega@example.org'] }, problem]} fileName={fileName} onRefill={onRefill} />);
    fireEvent.click(refill()!);
    expect(onRefill).toHaveBeenCalledTimes(1);
  });

  it('offers no refill for what filling again cannot fix, nor where no refill is given', () => {
    const onRefill = vi.fn();
    const { rerender } = render(
      <ProblemList
        problems={[{ kind: 'cc', found: ['collega@example.org'] }, { kind: 'replyTo', found: ['attacker@example.org'] }, { kind: 'leak', finding: { kind: 'phone', where: 'body' } }]}
        fileName={fileName}
        onRefill={onRefill}
      />,
    );
    expect(refill()).toBeNull();
    rerender(<ProblemList problems={[{ kind: 'body' }]} fileName={fileName} />);
    expect(refill()).toBeNull();
    rerender(<ProblemList problems={[]} fileName={fileName} onRefill={onRefill} />);
    expect(refill()).toBeNull();
  });
});
