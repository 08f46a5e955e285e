import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 网格员积分评定与台账. Renders nothing for people without these roles. */
export default function AssessmentEntries(_props: { me: WhoAmI }) {
  return null;
}
