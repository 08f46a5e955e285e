/** The last four digits of a phone on record, as a binding check (the roster's phone, never shown). */
export function phoneLast4Matches(phoneOnRecord: string, typed: string): boolean {
  const digits = phoneOnRecord.replace(/\D/g, '');
  return /^\d{4}$/.test(typed) && digits.length >= 4 && digits.slice(-4) === typed;
}
