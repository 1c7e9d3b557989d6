import type { PasswordCheck, PasswordContext } from './strength';

/**
 * The strength check, loaded on first use: its dictionaries (Belgian Dutch and common passwords) are most of the
 * panel's weight, and most referrals use the generated password and never need them. Same answers as checkPassword.
 */
export async function checkPasswordLazily(password: string, context: PasswordContext = {}): Promise<PasswordCheck> {
  const { checkPassword } = await import('./strength');
  return checkPassword(password, context);
}

/** zxcvbn's estimate (log10 of the guesses), loaded on first use: for pre-shared keys not of the generated form. */
export async function loadGuessEstimator(): Promise<(text: string) => number> {
  const { estimateGuessesLog10 } = await import('./strength');
  return estimateGuessesLog10;
}
