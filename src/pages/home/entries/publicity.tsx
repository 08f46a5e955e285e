import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { hasRole } from '@domain/org/roles';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 积分公示 (every villager; the village admin publishes), 异议处理 (committees), 镇复核 (town admin). */
export default function PublicityEntries({ me }: { me: WhoAmI }) {
  const admin = hasRole(me.roles, 'village_admin');
  const committee = hasRole(me.roles, 'reviewer') || hasRole(me.roles, 'supervisor') || admin;
  const town = hasRole(me.roles, 'town_admin');
  if (!me.village && !town) return null;
  const go = (page: 'publicity' | 'objections' | 'townReview') => void Taro.navigateTo({ url: route(page) });
  return (
    <View>
      <View className="section-title">公示</View>
      <CellGroup inset>
        {me.village ? (
          <Cell title="积分公示" label={admin ? '发布季度公示、结束公示、导出公示表' : '本季各户积分、红黑榜，可提出异议'} isLink onClick={() => go('publicity')} />
        ) : null}
        {committee ? <Cell title="异议处理" label="评议小组会同监督小组调查、会签" isLink onClick={() => go('objections')} /> : null}
        {town ? <Cell title="镇复核" label="各村季度公示：复核通过或退回" isLink onClick={() => go('townReview')} /> : null}
      </CellGroup>
    </View>
  );
}
