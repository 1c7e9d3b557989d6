import type { DraftRequestMessage } from '../../lib/messages';

/**
 * The draft request the panel would send once its compose page is open: a mailbox, the cover text and a zip
 * (ciphertext, an empty archive), ready to fill. No client data.
 */
export const readyDraftRequest = {
  to: 'sociale.dienst@lille.be',
  subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X',
  body: 'Beste collega, in bijlage een aanmelding (KG-7F3Q-2M9X).',
  fileName: 'aanmelding-KG-7F3Q-2M9X.zip',
  zipBase64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==',
  afterNavigation: true,
} as const satisfies DraftRequestMessage;
