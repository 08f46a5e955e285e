/** A fresh id for one form fill: a retried submit with the same id never creates a second application. */
export function newRequestId(): string {
  const rand = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `r${Date.now().toString(36)}${rand()}${rand()}`;
}
