// Bundled by scripts/bench/bundle.ts into one page script that the bench serves inside a Gmail or Outlook fixture:
// the behavioural fixtures the adapter tests use in happy-dom (test/fixtures/*/behaviour.ts), played here in a real
// page, on the same webmail hosts, for the real extension. Which way a file came in is recorded for the report.
import { installGmail, type GmailBehaviour } from '../../test/fixtures/gmail/behaviour';
import { installOutlook, type OutlookBehaviour } from '../../test/fixtures/outlook/behaviour';

export type BehaviourSetup =
  | { webmail: 'gmail'; options: GmailBehaviour }
  | { webmail: 'outlook'; options: OutlookBehaviour; template: string };

type BenchWindow = { __vaBenchSetup?: BehaviourSetup; __vaBenchFileEvents?: string[] };

const setup = (window as BenchWindow).__vaBenchSetup;
if (!setup) throw new Error('no __vaBenchSetup');
const signal = new AbortController().signal;
if (setup.webmail === 'gmail') installGmail(document, setup.options, signal);
else {
  const template = new DOMParser().parseFromString(setup.template, 'text/html').querySelector('[id^="docking_InitVisiblePart_"]');
  if (!template) throw new Error('no Outlook compose in the template');
  installOutlook(document, document.importNode(template, true), setup.options, signal);
}

// The event that carried the file to the page: drop, change (file input) or paste.
const events: string[] = [];
(window as BenchWindow).__vaBenchFileEvents = events;
const files = (event: Event) =>
  event instanceof DragEvent ? event.dataTransfer?.files : event instanceof ClipboardEvent ? event.clipboardData?.files : (event.target as HTMLInputElement | null)?.files;
for (const type of ['drop', 'change', 'paste']) {
  document.addEventListener(type, (event) => {
    if ((files(event)?.length ?? 0) > 0) events.push(type === 'change' ? 'input' : type);
  }, true);
}
