export interface CodeEntryProps {
  /** A looked-up code is on its way: buttons wait. */
  busy: boolean;
  /** Called with exactly 8 digits. */
  onCode: (code: string) => void;
}

/** Keep the digits a person typed or a scanner read; a code is exactly 8 of them. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '').slice(0, 8);
}

/** The 8-digit code in a scan result (the QR holds the bare digits), or null. */
export function codeFromScan(result: string): string | null {
  const m = /^\s*(\d{8})\s*$/.exec(result);
  return m ? m[1] : null;
}
