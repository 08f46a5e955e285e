export function needsDemoIdentity(): boolean {
  return false;
}
export const isDemo = false;
