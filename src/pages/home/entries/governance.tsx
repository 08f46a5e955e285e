import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 一票否决、积分目录备案、村规设置、年底结转. Renders nothing for people without these roles. */
export default function GovernanceEntries(_props: { me: WhoAmI }) {
  return null;
}
