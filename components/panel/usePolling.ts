import { useEffect, useRef } from 'react';

/**
 * Runs `run` every `intervalMs` while `active`, never two at once, and once more at once whenever `trigger` changes
 * (the webmail tab reloaded or was switched): the draft's re-read at the done step and the fallback's watch.
 */
export function usePolling(active: boolean, intervalMs: number, run: () => Promise<void>, trigger: unknown): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const busy = useRef(false);
  const tick = useRef(() => {
    if (busy.current) return;
    busy.current = true;
    void latest.current().finally(() => (busy.current = false));
  });
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(tick.current, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  useEffect(() => {
    if (active) tick.current();
  }, [active, trigger]);
}
