/**
 * Phone numbers as cadres write them: mobiles (138 1234 5678, +86 138-1234-5678) and landlines
 * (0539-3621002). Stored normalised: 11 digits for a mobile, 0area-number for a landline.
 */
export function normalizePhone(raw: string): string | null {
  const s = raw.trim().replace(/[\s\u3000()（）]/g, '');
  const mobile = s.replace(/^(\+?86)-?/, '').replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  const m = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** What other viewers see of a number: 138****5678, 0539-****002. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const [area, num] = phone.split('-');
  if (num) return `${area}-${'*'.repeat(Math.max(0, num.length - 3))}${num.slice(-3)}`;
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****';
}
