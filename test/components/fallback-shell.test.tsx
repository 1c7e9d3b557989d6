// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FallbackStep } from '../../components/panel/FallbackStep';
import { setPlatform } from '../../lib/platform';
import { extensionPlatform } from '../../lib/platform/extension';

// Issue 22: the fallback after a failed step speaks for its shell. "Je webmail is misschien veranderd" is true where the
// extension scripts a webmail's page; in the Outlook add-in Office.js makes the draft, so it is not said there.
const data = { to: 'sociale.dienst@lille.be', subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X', body: 'tekst', fileName: 'aanmelding-KG-7F3Q-2M9X.zip', bytes: new Uint8Array([1, 2, 3]) };
const step = (chosen = false) => (
  <FallbackStep data={data} password={null} recipient={null} failedStep="attach" completed={['openCompose', 'recipient', 'subject', 'body']} chosen={chosen} onRetry={() => undefined} />
);

describe('the fallback in each shell', () => {
  afterEach(() => {
    cleanup();
    setPlatform(extensionPlatform);
  });

  it('in the extension, a failed step names the step and says the webmail may have changed', () => {
    render(step());
    expect(screen.getByRole('alert').textContent).toBe('Deze stap lukte niet: het bestand toevoegen. Niets van wat je invulde is verloren. Maak het concept zelf af:');
    expect(screen.getByText(/^Je webmail is misschien veranderd/u)).toBeTruthy();
  });

  it('in the Outlook add-in it does not: no webmail page is scripted there', () => {
    setPlatform({ ...extensionPlatform, scriptsWebmailPages: false });
    render(step());
    expect(screen.getByRole('alert').textContent).toMatch(/^Deze stap lukte niet: het bestand toevoegen\./u);
    expect(screen.queryByText(/misschien veranderd/u)).toBeNull();
  });

  it('the manual route, chosen by the worker, says neither', () => {
    render(step(true));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/misschien veranderd/u)).toBeNull();
  });
});
