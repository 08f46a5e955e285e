import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';

/** 单位积分: the units the caller may read (a 负责人 their own; grid workers, committees and the admin the village's), each opening its page. */
export default function MyUnits() {
  const units = useRemote(() => call('units', 'list', {}));
  const items = units.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <View>
      <View className="section-title">单位积分</View>
      <CellGroup inset>
        {items.map((u) => (
          <Cell
            key={u._id}
            title={`${u.name}（${u.kindLabel}）`}
            label={`可兑换 ${u.balance.redeemable} 分 · 待公示 ${u.balance.pending} 分`}
            isLink
            onClick={() => void Taro.navigateTo({ url: route('unit', { unitId: u._id }) })}
          />
        ))}
      </CellGroup>
    </View>
  );
}
