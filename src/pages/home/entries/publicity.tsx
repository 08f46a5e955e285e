import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 公示、异议、镇复核、红黑榜. Renders nothing for people without these roles. */
export default function PublicityEntries(_props: { me: WhoAmI }) {
  return null;
}
