import { describe, expect, it } from 'vitest';
import { locales, t } from '../../lib/i18n';
import { correctionMailText, referralMailText, signature, withdrawalMailText } from '../../lib/templates/cover';

const referrer = { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: 'an.janssens@example.org' };

describe('mail templates', () => {
  it.each(locales)('render in %s with the reference and no placeholder left', (locale) => {
    for (const mail of [
      referralMailText('KG-7F3Q-2M9X', referrer, locale),
      withdrawalMailText('KG-7F3Q-2M9X', '2026-11-02', referrer, locale),
      correctionMailText('KG-8H4R-3NAY', 'KG-7F3Q-2M9X', referrer, locale),
    ]) {
      expect(mail.subject).toContain('KG-');
      expect(mail.body).toContain('KG-7F3Q-2M9X');
      expect(mail.subject + mail.body).not.toMatch(/\$\d/u);
      expect(mail.body).toContain('An Janssens');
    }
  });

  it('words the referral with its legal basis, the separate password and the erasure (seed 003)', () => {
    const { subject, body } = referralMailText('KG-7F3Q-2M9X');
    expect(subject).toBe('Aanmelding Kind en Gezin – KG-7F3Q-2M9X');
    expect(body).toContain('artikel 10/1 van het decreet van 30 april 2004');
    expect(body).toContain('Het wachtwoord krijg je apart');
    expect(body).toContain('wis je de gegevens');
    expect(body.endsWith('Met vriendelijke groeten,\nKind en Gezin')).toBe(true);
  });

  it('asks erasure in a withdrawal that names the referral only by reference and date', () => {
    const { subject, body } = withdrawalMailText('KG-7F3Q-2M9X', '2026-11-02', referrer);
    expect(subject).toBe('Intrekking toestemming – KG-7F3Q-2M9X');
    expect(body).toContain('aangemaakt op 02-11-2026');
    expect(body).toContain('Wis dan de gegevens ervan');
    // Only a draft was recorded: the notice does not claim the referral was sent (issue 14.8).
    expect(body).not.toMatch(/bezorgd|verzonden|sent/u);
  });

  it('names both references in a correction', () => {
    const { subject, body } = correctionMailText('KG-8H4R-3NAY', 'KG-7F3Q-2M9X');
    expect(subject).toBe('Verbetering aanmelding Kind en Gezin – KG-8H4R-3NAY (vervangt KG-7F3Q-2M9X)');
    expect(body).toContain('Vervang de gegevens van KG-7F3Q-2M9X');
  });

  it("signs with the referrer's details from the options page, skipping empty ones", () => {
    expect(signature({ ...referrer, phone: '' })).toBe('Met vriendelijke groeten,\nAn Janssens\nTeam Middenkempen\nan.janssens@example.org');
    expect(signature(null, 'fr')).toBe('Meilleures salutations,\nKind en Gezin');
  });

  it('has the client information text in three languages', () => {
    for (const locale of locales) {
      expect(t('info_what', [], locale).length).toBeGreaterThan(60);
      expect(t('info_rights', [], locale).length).toBeGreaterThan(60);
    }
  });
});
