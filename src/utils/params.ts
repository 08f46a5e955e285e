/** A page query value, decoded once (weapp hands them over still URL-encoded). */
export function queryParam(params: Partial<Record<string, string>>, key: string): string {
  const raw = params[key];
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
