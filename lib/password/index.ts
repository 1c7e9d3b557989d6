export { generatePassword, generatedPasswordBits, passwordAlphabet, productWords } from './generate';
export { checkPassword, passwordMinLength, passwordMaxLength, type PasswordCheck, type PasswordContext } from './strength';
