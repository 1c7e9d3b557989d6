/**
 * A spelling aid for the password call (issue 14.2): the password read out character by character, in Dutch, with
 * the spelling alphabet Belgian services use on the phone (A van Arthur, B van Brussel…). Lower case is the
 * default and not said; an upper-case letter says so, so a typed password reads back unambiguously.
 */
const belgianAlphabet: Record<string, string> = {
  a: 'Arthur', b: 'Brussel', c: 'Carolina', d: 'Desiré', e: 'Emile', f: 'Frederik', g: 'Gustaaf', h: 'Hendrik',
  i: 'Isidoor', j: 'Jozef', k: 'Kilogram', l: 'Leopold', m: 'Maria', n: 'Napoleon', o: 'Oscar', p: 'Piano',
  q: 'Quintus', r: 'Robert', s: 'Sofie', t: 'Telefoon', u: 'Ursula', v: 'Victor', w: 'Waterloo', x: 'Xavier',
  y: 'Yvonne', z: 'Zola',
};

const digits = ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];

const signs: Record<string, string> = {
  '-': 'streepje', '_': 'liggend streepje', '.': 'punt', ',': 'komma', ':': 'dubbelpunt', ';': 'puntkomma',
  '!': 'uitroepteken', '?': 'vraagteken', '#': 'hekje', '@': 'apenstaartje', '&': 'en-teken', '*': 'sterretje',
  '+': 'plus', '=': 'is-gelijk-aan', '/': 'schuine streep', '\\': 'omgekeerde schuine streep', '$': 'dollarteken',
  '%': 'procent', '(': 'haakje openen', ')': 'haakje sluiten', ' ': 'spatie', "'": 'apostrof', '"': 'aanhalingsteken',
};

/** How one character is said: "n van Napoleon", "vijf", "hoofdletter K van Kilogram", "hekje". */
export function spellCharacter(character: string): string {
  const lower = character.toLowerCase();
  const word = belgianAlphabet[lower];
  if (word) return character === lower ? `${character} van ${word}` : `hoofdletter ${character} van ${word}`;
  if (/^\d$/u.test(character)) return digits[Number(character)] ?? character;
  return signs[character] ?? `teken ${character}`;
}

/**
 * The password in the groups it is shown in (a generated one: "nvj5-fwmh-…" → five groups), each group with its
 * read-out line. A typed password without dashes is cut into groups of four, so the reader can pause.
 */
export function spellPassword(password: string): { group: string; spoken: string }[] {
  const groups = /^[a-z2-9]{4}(-[a-z2-9]{4})+$/u.test(password) ? password.split('-') : (password.match(/.{1,4}/gsu) ?? []);
  return groups.map((group) => ({ group, spoken: [...group].map(spellCharacter).join(' – ') }));
}
