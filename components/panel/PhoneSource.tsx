import { phoneSourceLine, type Recipient } from '../../lib/directory';

type Props = { recipient: Pick<Recipient, 'phone' | 'phoneSource'> };

/**
 * Where the number for the password call comes from, in one muted line under it: the worker knows whether their
 * organisation, a colleague's team file, they themselves or the built-in list gave it (issue 20.4). Nothing without a
 * number.
 */
export function PhoneSource({ recipient }: Props) {
  const line = phoneSourceLine(recipient);
  return line ? <p className="muted phone-source">{line}</p> : null;
}
