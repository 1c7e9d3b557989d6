// What code outside lib/ (components, entrypoints, the add-in, scripts, tests) takes from this folder; modules inside
// lib/ import the file they need.
export { generatePassword, generatedPasswordBits, passwordAlphabet } from './generate';
export { checkPassword } from './strength';
