import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { gridsWorked } from '@domain/org/roles';
import { admits } from '@domain/access/gate';
import { actorFromWhoAmI } from '@domain/access/actor';
import { eventGates } from '@domain/grid/eventPolicy';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 随手拍/说事、事件处置、巡查. Renders nothing for people without these roles. */
export default function EventEntries({ me }: { me: WhoAmI }) {
  const worker = gridsWorked(me.roles).length > 0;
  // Oversight of events (the village's or the town's): the same gate as events.stats.
  const cadre = admits(eventGates.stats, actorFromWhoAmI(me));
  const villager = me.household !== null;
  if (!worker && !cadre && !villager) return null;
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View>
      <View className="section-title">网格事件</View>
      <CellGroup inset>
        {villager || worker ? <Cell title="随手拍 · 说事" label="隐患、纠纷、环境、求助，拍下来告诉网格员" isLink onClick={() => go(route('report'))} /> : null}
        {villager ? <Cell title="我报告的事件" label="处理进度和回访" isLink onClick={() => go(route('events', { mine: 1 }))} /> : null}
        {worker || cadre ? <Cell title="事件处置" label="待办、超期、已办结" isLink onClick={() => go(route('events'))} /> : null}
        {worker ? <Cell title="巡查走访" label="今日巡查、入户走访" isLink onClick={() => go(route('patrol'))} /> : null}
        {cadre ? <Cell title="定点巡查台账" label="按月查看与导出" isLink onClick={() => go(route('patrolLedger'))} /> : null}
      </CellGroup>
    </View>
  );
}
