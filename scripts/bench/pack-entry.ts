// Bundled by scripts/bench/pack-browser.ts into one script that the bench evaluates in the live panel page: the
// same lib/referral code the panel runs (zip.js without workers, zod jitless), timed with the page's own clock.
import '../../lib/zod-setup';
import { generatePassword } from '../../lib/password';
import { packReferral, parseReferral } from '../../lib/referral';
import { benchInput, benchNow } from './input';

async function packTimes(runs: number, warmup: number): Promise<number[]> {
  const parsed = parseReferral(benchInput, { now: benchNow });
  if (!parsed.ok) throw new Error('bench input invalid');
  const password = generatePassword();
  for (let i = 0; i < warmup; i++) await packReferral(parsed.referral, password);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const packed = await packReferral(parsed.referral, password);
    times.push(performance.now() - start);
    if (packed.bytes.length < 100) throw new Error('empty zip');
  }
  return times;
}

(globalThis as { vaBenchPack?: typeof packTimes }).vaBenchPack = packTimes;
