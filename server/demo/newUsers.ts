import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import type { IdentityBinding } from '@domain/org/types';

/** Demo openids of WeChat users who have never bound: `demo-new-1`, `demo-new-2`, … */
export const NEW_USER_PREFIX = 'demo-new-';
/** How many fresh ones the picker offers at a time. */
const OFFERED = 3;
const SCAN = 50;

export interface NewWechatUser {
  openid: string;
  name: string;
  villageName: string;
  householdDoorNo: null;
  roles: [];
  summary: string;
  unbound: true;
}

/**
 * The first few `demo-new-N` openids bound to nobody: the picker's "新微信用户（未绑定）", who land
 * on the welcome page (household card, admin code, join request). Once one binds, it is listed
 * under its person like every other identity, and the next number is offered.
 */
export async function newWechatUsers(db: Database): Promise<NewWechatUser[]> {
  const candidates = Array.from({ length: SCAN }, (_, i) => `${NEW_USER_PREFIX}${i + 1}`);
  const { data } = await db.collection<IdentityBinding>(C.identities).where({ _id: db.command.in(candidates) }).limit(SCAN).get();
  const bound = new Set(data.map((b) => b._id));
  return candidates
    .filter((openid) => !bound.has(openid))
    .slice(0, OFFERED)
    .map((openid) => ({
      openid,
      name: `新微信用户 ${openid.slice(NEW_USER_PREFIX.length)}`,
      villageName: '',
      householdDoorNo: null,
      roles: [],
      summary: '未绑定 · 第一次打开乡约积分',
      unbound: true,
    }));
}
