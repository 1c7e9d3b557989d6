import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { idleFor, idleTickMs, inputEvents } from '../../lib/panel/idle';

/**
 * True once the panel has had no input for `limitMs` (and stays true until `wake`); or, given `onIdle`, that called at
 * each such moment instead:
 * the clock is read on every tick, on input and when the panel becomes visible again, so a limit holds even when the
 * laptop slept through its timers.
 */
export function useIdle(limitMs: number, onIdle?: () => void): { idle: boolean; wake: () => void } {
  const lastInput = useRef(0);
  const callback = useRef(onIdle);
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    callback.current = onIdle;
  });
  // Armed in the commit that shows what it guards (a layout effect, not a later passive one): the limit counts from
  // the moment the step is on screen, and no input or wake-up can fall between that and the listeners.
  useLayoutEffect(() => {
    lastInput.current = Date.now();
    const check = () => {
      if (!idleFor(lastInput.current, Date.now(), limitMs)) return;
      if (!callback.current) {
        setIdle(true);
        return;
      }
      // With a callback (the wipe), the limit starts again from here.
      lastInput.current = Date.now();
      callback.current();
    };
    const input = () => {
      // Input after the limit has passed does not undo it: what was hidden or wiped stays so.
      check();
      lastInput.current = Date.now();
    };
    for (const type of inputEvents) document.addEventListener(type, input, { capture: true, passive: true });
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, idleTickMs);
    return () => {
      for (const type of inputEvents) document.removeEventListener(type, input, { capture: true });
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [limitMs]);
  const wake = useCallback(() => {
    lastInput.current = Date.now();
    setIdle(false);
  }, []);
  return { idle, wake };
}
