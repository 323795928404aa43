/**
 * Whether a new password is acceptable beyond its length (account-security.schema.ts): not a common or
 * breached password, not guessable from the user's own name or e-mail, and not a trivial pattern. zxcvbn-ts
 * with its common dictionaries (the most frequent passwords of public breach corpora, plus English words)
 * estimates how many guesses a password would take; below score 3 (~10^8 guesses) it is refused.
 * Server-side only: the dictionaries are large and the browser has no need of them.
 */
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";

zxcvbnOptions.setOptions({
  dictionary: { ...zxcvbnCommon.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
});

export const MINIMUM_PASSWORD_SCORE = 3;

/** Words of this portal that a guesser would try first. */
const PORTAL_WORDS = ["portal", "anticounterfeit", "counterfeit", "platform", "police", "putian", "admin"];

export type PasswordProblem = "account.validation.passwordCommon" | "account.validation.passwordGuessable";

export function checkPasswordStrength(password: string, personal: { email?: string; displayName?: string } = {}): PasswordProblem | null {
  const userInputs = [...PORTAL_WORDS];
  if (personal.email) userInputs.push(personal.email, ...personal.email.split(/[@.]/).filter((part) => part.length >= 3));
  if (personal.displayName) userInputs.push(personal.displayName);
  // zxcvbn's running time grows with length; beyond 100 characters the estimate no longer changes anything.
  const result = zxcvbn(password.slice(0, 100), userInputs);
  if (result.score >= MINIMUM_PASSWORD_SCORE) return null;
  const common = result.sequence.some(
    (match) => match.pattern === "dictionary" && (match.dictionaryName === "passwords" || match.dictionaryName === "userInputs"),
  );
  return common ? "account.validation.passwordCommon" : "account.validation.passwordGuessable";
}
