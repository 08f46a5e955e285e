import { getDemoOpenid } from './demo';

export function needsDemoIdentity(): boolean {
  return getDemoOpenid() === null;
}
export const isDemo = true;
