import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { storeRoundcubeOrigins, storedRoundcubeOrigins } from '../../lib/settings/roundcube';
import { t } from '../../lib/i18n';
import { createOptionsClient } from '../../lib/panel/client';
import { roundcubeMatchPattern, roundcubeOrigin } from '../../lib/webmail/hosts';

const client = createOptionsClient();

/** Roundcube runs at any address: the user names it, the browser asks for that host only, the content script follows. */
export function RoundcubeSection() {
  const [origins, setOrigins] = useState<string[]>([]);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const ids = { input: useId(), error: useId() };

  useEffect(() => {
    void storedRoundcubeOrigins().then(setOrigins);
  }, []);

  // The content scripts follow the stored addresses; what the sync answers changes nothing here.
  const sync = () => client.syncRoundcube();

  async function add(event: FormEvent) {
    event.preventDefault();
    const origin = roundcubeOrigin(address);
    if (!origin) {
      setError(t('opt_roundcubeInvalid'));
      return;
    }
    setError(undefined);
    let granted = false;
    try {
      // Must run in the click's own turn: browsers grant permissions only in answer to a user gesture.
      granted = await browser.permissions.request({ origins: [roundcubeMatchPattern(origin)] });
    } catch {
      granted = false;
    }
    if (!granted) {
      setStatus(t('opt_roundcubeDenied', [origin]));
      return;
    }
    const next = [...new Set([...origins, origin])];
    await storeRoundcubeOrigins(next);
    await sync();
    setOrigins(next);
    setAddress('');
    setStatus(t('opt_roundcubeAdded', [origin]));
  }

  async function remove(origin: string) {
    const next = origins.filter((item) => item !== origin);
    await storeRoundcubeOrigins(next);
    // Keep the grant while another stored address shares the host (a grant covers every port of a host).
    const host = roundcubeMatchPattern(origin);
    if (!next.some((other) => roundcubeMatchPattern(other) === host)) await browser.permissions.remove({ origins: [host] });
    await sync();
    setOrigins(next);
  }

  return (
    <section aria-labelledby="roundcube-title">
      <h2 id="roundcube-title">{t('opt_roundcubeTitle')}</h2>
      <p>{t('opt_roundcubeIntro')}</p>
      <form onSubmit={(event) => void add(event)} noValidate>
        <label htmlFor={ids.input}>{t('opt_roundcubeLabel')}</label>
        <input
          id={ids.input}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
        {error ? <p id={ids.error} className="field-error">{error}</p> : null}
        <p>
          <button type="submit">{t('opt_roundcubeAdd')}</button>
        </p>
      </form>
      <p role="status">{status}</p>
      {origins.length === 0 ? (
        <p className="muted">{t('opt_roundcubeNone')}</p>
      ) : (
        <ul className="additions">
          {origins.map((origin) => (
            <li key={origin}>
              <span className="mailbox">{origin}</span>{' '}
              <button type="button" onClick={() => void remove(origin)} aria-label={t('opt_roundcubeRemove', [origin])}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
