import { currentLocale, t, type Locale, type MessageKey } from './index';

type BaseOf<Key> = Key extends `${infer Base}_other` ? (`${Base}_one` extends MessageKey ? Base : never) : never;
/** A message with a singular and a plural form: both `<key>_one` and `<key>_other` are in the catalogue. */
export type PluralKey = BaseOf<MessageKey>;

/**
 * "1 aanmelding", "2 aanmeldingen": renders `<key>_one` or `<key>_other` with the count as `$1` (further
 * substitutions follow as `$2`…). The language's own plural rules choose (Intl.PluralRules): Dutch and English take
 * the singular for 1 only, French for 0 and 1 ("0 signalement").
 */
export function plural(key: PluralKey, count: number, substitutions: readonly (string | number)[] = [], locale: Locale = currentLocale()): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, [count, ...substitutions], locale);
}
