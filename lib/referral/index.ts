export { parseReferral, type ParseResult } from './parse';
export { packReferral, buildReferralFiles, entryNames, PackError, type PackOptions, type PackedReferral } from './pack';
export { generateReference, normalizeReference } from './reference';
export { referralFormat, recipientSchema, referrerSchema, type Recipient, type Referrer } from './document';
export { belgianToday } from '../time';
export { type Referral, type Client, type Consent, type Address } from './schema';
export * as fields from './fields';
