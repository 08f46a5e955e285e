import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import { SOURCE_FORMS, type OtherSource } from '../../../components/submit-form/sources';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

const LABELS: Record<Exclude<OtherSource, 'behalf'>, string> = {
  report: '别户做了好事或坏事，说给村里听',
  visit: '评议小组走访看到的事',
  inspection: '镇上检查发现的事，记到该户',
};

/**
 * 首页 entries: 记别户的事 — 举报/推荐 (any villager), 登记走访 (reviewers), 登记上级检查 (the town
 * admin), each as its gate admits; all open the one form (submit-on-behalf) with ?source=.
 */
export default function OtherHouseholdEntries({ me }: { me: WhoAmI }) {
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  const open = (['report', 'visit', 'inspection'] as const).filter((s) => admits(SOURCE_FORMS[s].gate, who));
  if (open.length === 0) return null;
  return (
    <View>
      <View className="section-title">记别户的事</View>
      <CellGroup inset>
        {open.map((s) => (
          <Cell key={s} title={SOURCE_FORMS[s].title} label={LABELS[s]} isLink onClick={() => void Taro.navigateTo({ url: route('submitOnBehalf', { source: s }) })} />
        ))}
      </CellGroup>
    </View>
  );
}
