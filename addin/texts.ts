/**
 * The add-in's own texts, Dutch first, then English and French. A note: these live here, not in
 * public/_locales, until the panel is wired into the add-in (issue 22.1); then they move to the shared locale files
 * and go through t('key') like every other text a user reads.
 */
export type AddinLocale = 'nl' | 'en' | 'fr';

/** Why "Maak concept" stopped in Outlook: the code after `outlookAddin: ` in a failed draft's detail. */
export const officeFailureCodes = [
  'notNew', 'notEmpty', 'badRequest', 'attachmentSize', 'attachmentCount', 'fileType', 'busy', 'attachmentPending', 'attachFailed',
  'tooLong', 'timeout', 'error',
] as const;
export type OfficeFailureCode = (typeof officeFailureCodes)[number];

type Texts = Record<OfficeFailureCode, string> & {
  /** The shell as the panel names it ("Maak concept in …"), like an adapter's name. */
  hostName: string;
  displayName: string;
  description: string;
  groupLabel: string;
  buttonLabel: string;
  buttonTooltip: string;
};

export const addinTexts: Record<AddinLocale, Texts> = {
  nl: {
    hostName: 'Outlook (invoegtoepassing)',
    displayName: 'Veilig Aanmelden',
    description: 'Meld een gezin veilig aan bij het OCMW: een versleuteld zip-bestand naar de juiste mailbox, vanuit een nieuwe mail.',
    groupLabel: 'Veilig Aanmelden',
    buttonLabel: 'Aanmelden bij OCMW',
    buttonTooltip: 'Open het paneel om een gezin veilig aan te melden bij het OCMW, in deze nieuwe mail.',
    notNew: 'Dit is een antwoord of een doorgestuurde mail. Open een nieuwe, lege mail en start daar opnieuw.',
    notEmpty: 'Deze mail is niet leeg (ontvangers, onderwerp, tekst of bijlagen). Open een nieuwe, lege mail en start daar opnieuw.',
    badRequest: 'Het concept kon niet worden voorbereid. Probeer opnieuw.',
    attachmentSize: 'Outlook weigert de bijlage: ze is te groot.',
    attachmentCount: 'Outlook weigert de bijlage: de mail heeft al te veel bijlagen.',
    fileType: 'Outlook weigert dit soort bijlage. Vraag je IT-dienst om zip-bestanden toe te laten.',
    busy: 'Outlook is nog bezig. Wacht even en probeer opnieuw; de bijlage wordt niet dubbel toegevoegd.',
    attachmentPending: 'Outlook is de bijlage nog aan het opslaan. Probeer zo opnieuw; ze wordt niet dubbel toegevoegd.',
    attachFailed: 'Outlook kon de bijlage niet toevoegen. Probeer opnieuw; ze wordt niet dubbel toegevoegd.',
    tooLong: 'Outlook weigert de tekst: ze is te lang.',
    timeout: 'Outlook antwoordt niet. Controleer je verbinding en probeer opnieuw.',
    error: 'Outlook meldt een fout. Probeer opnieuw.',
  },
  en: {
    hostName: 'Outlook (add-in)',
    displayName: 'Veilig Aanmelden',
    description: 'Refer a family safely to the OCMW: an encrypted zip file to the right mailbox, from a new mail.',
    groupLabel: 'Veilig Aanmelden',
    buttonLabel: 'Refer to OCMW',
    buttonTooltip: 'Open the panel to refer a family safely to the OCMW, in this new mail.',
    notNew: 'This is a reply or a forwarded mail. Open a new, empty mail and start again there.',
    notEmpty: 'This mail is not empty (recipients, subject, text or attachments). Open a new, empty mail and start again there.',
    badRequest: 'The draft could not be prepared. Try again.',
    attachmentSize: 'Outlook refuses the attachment: it is too large.',
    attachmentCount: 'Outlook refuses the attachment: the mail already has too many attachments.',
    fileType: 'Outlook refuses this kind of attachment. Ask your IT department to allow zip files.',
    busy: 'Outlook is still busy. Wait a moment and try again; the attachment will not be added twice.',
    attachmentPending: 'Outlook is still saving the attachment. Try again shortly; it will not be added twice.',
    attachFailed: 'Outlook could not add the attachment. Try again; it will not be added twice.',
    tooLong: 'Outlook refuses the text: it is too long.',
    timeout: 'Outlook does not answer. Check your connection and try again.',
    error: 'Outlook reports an error. Try again.',
  },
  fr: {
    hostName: 'Outlook (complément)',
    displayName: 'Veilig Aanmelden',
    description: 'Signalez une famille au CPAS en toute sécurité : un fichier zip chiffré vers la bonne boîte, depuis un nouveau mail.',
    groupLabel: 'Veilig Aanmelden',
    buttonLabel: 'Signaler au CPAS',
    buttonTooltip: 'Ouvrez le panneau pour signaler une famille au CPAS en toute sécurité, dans ce nouveau mail.',
    notNew: 'Ceci est une réponse ou un mail transféré. Ouvrez un nouveau mail vide et recommencez-y.',
    notEmpty: 'Ce mail n’est pas vide (destinataires, objet, texte ou pièces jointes). Ouvrez un nouveau mail vide et recommencez-y.',
    badRequest: 'Le brouillon n’a pas pu être préparé. Réessayez.',
    attachmentSize: 'Outlook refuse la pièce jointe : elle est trop volumineuse.',
    attachmentCount: 'Outlook refuse la pièce jointe : le mail en a déjà trop.',
    fileType: 'Outlook refuse ce type de pièce jointe. Demandez à votre service informatique d’autoriser les fichiers zip.',
    busy: 'Outlook est encore occupé. Attendez un instant et réessayez ; la pièce jointe ne sera pas ajoutée deux fois.',
    attachmentPending: 'Outlook enregistre encore la pièce jointe. Réessayez dans un instant ; elle ne sera pas ajoutée deux fois.',
    attachFailed: 'Outlook n’a pas pu ajouter la pièce jointe. Réessayez ; elle ne sera pas ajoutée deux fois.',
    tooLong: 'Outlook refuse le texte : il est trop long.',
    timeout: 'Outlook ne répond pas. Vérifiez votre connexion et réessayez.',
    error: 'Outlook signale une erreur. Réessayez.',
  },
};

const detailPattern = /^outlookAddin: ([A-Za-z]+)/u;

/** The failure code in a failed draft's detail from the add-in, or null for any other detail. */
export function officeFailureOf(detail: string): OfficeFailureCode | null {
  const code = detailPattern.exec(detail)?.[1];
  return (officeFailureCodes as readonly string[]).includes(code ?? '') ? (code as OfficeFailureCode) : null;
}

/** What the worker reads for a failed draft's detail (Dutch by default); null when the detail is not the add-in's. */
export function officeFailureText(detail: string, locale: AddinLocale = 'nl'): string | null {
  const code = officeFailureOf(detail);
  return code ? addinTexts[locale][code] : null;
}
