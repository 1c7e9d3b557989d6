// Bundled by scripts/bench/bundle.ts into one script that the bench evaluates in the live side panel: the same
// lib/referral code the panel runs at "Maak concept" (zip.js without workers, zod jitless), timed with the panel's
// own clock.
import '../../lib/zod-setup';
import { generatePassword } from '../../lib/password';
import { packReferral, parseReferral } from '../../lib/referral';
import { benchInput, benchNow, benchRecipient } from './input';

async function packTimes(runs: number, warmup: number): Promise<number[]> {
  const parsed = parseReferral(benchInput, { now: benchNow });
  if (!parsed.ok) throw new Error('bench input invalid');
  const password = generatePassword();
  const pack = () => packReferral(parsed.referral, password, { recipient: benchRecipient });
  for (let i = 0; i < warmup; i++) await pack();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const packed = await pack();
    times.push(performance.now() - start);
    if (packed.bytes.length < 100) throw new Error('empty zip');
  }
  return times;
}

(globalThis as { vaBenchPack?: typeof packTimes }).vaBenchPack = packTimes;
