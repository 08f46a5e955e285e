/**
 * H5 demo mode only (imported by transport.h5.ts, session.h5.ts and the demo page): which
 * demo identity this browser acts as, and the list the local server offers.
 */
import type { RoleAssignment } from '@domain/org/roles';
import { ApiError } from './errors';

export const DEMO_OPENID_KEY = 'xiangyue.demoOpenid';

export interface DemoIdentity {
  openid: string;
  name: string;
  villageName: string;
  householdDoorNo: string | null;
  roles: RoleAssignment[];
  /** e.g. "村民 · 一组 3号" */
  summary: string;
  /** A WeChat user bound to nobody yet (`demo-new-N`): opens on the welcome page. */
  unbound?: boolean;
}

export function getDemoOpenid(): string | null {
  try {
    return window.localStorage.getItem(DEMO_OPENID_KEY) || null;
  } catch {
    return null;
  }
}

export function setDemoOpenid(openid: string): void {
  window.localStorage.setItem(DEMO_OPENID_KEY, openid);
}

/** null when the server is not in demo mode (404). */
export async function fetchDemoIdentities(): Promise<DemoIdentity[] | null> {
  let res: Response;
  try {
    res = await fetch('/api/demo/identities');
  } catch {
    throw new ApiError('NETWORK');
  }
  if (res.status === 404) return null;
  let body: { ok?: boolean; data?: { identities?: DemoIdentity[] }; message?: string };
  try {
    body = await res.json();
  } catch {
    throw new ApiError('INTERNAL');
  }
  if (!body.ok) throw new ApiError('INTERNAL', body.message);
  return body.data?.identities ?? [];
}
