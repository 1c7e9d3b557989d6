// What code outside lib/ (components, entrypoints, the add-in, scripts, tests) takes from this folder; modules inside
// lib/ import the file they need.
export { parseReferral } from './parse';
export { packReferral, buildReferralFiles, type PackedReferral } from './pack';
export { generateReference, normalizeReference } from './reference';
export { referralFormat } from './document';
export { type Referral } from './schema';
