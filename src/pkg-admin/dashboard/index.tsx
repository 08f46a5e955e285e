import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import { holdsAny } from '@domain/access/actor';
import type { DashboardRow } from '@domain/dashboard/view';
import { PERIOD_SPAN_LABELS, periodContaining, periodOf, type PeriodSpan } from '@domain/sheets/period';
import type { ExportAnswer } from '@domain/shared/csv';
import { monthOf } from '@domain/shared/time';
import { call } from '../../services/api';
import { saveExport } from '../../services/saveExport';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { today, yuan } from '../../utils/format';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import BarChart from '../../components/bar-chart';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import './index.scss';

const SPANS = (['month', 'quarter', 'year'] as const).map((value) => ({ value, label: PERIOD_SPAN_LABELS[value] }));

const pct = (p: number | null) => (p === null ? '—' : `${p}%`);

/** One village's figures, in the words a cadre uses. */
function VillageCard({ row, onLedger, busy }: { row: DashboardRow; onLedger: () => void; busy: boolean }) {
  const p = row.participation;
  return (
    <View className={`dashboard__village${p.belowTarget ? ' dashboard__village--below' : ''}`}>
      <View className="section-title">
        {row.villageName}
        {p.belowTarget ? <View className="dashboard__flag">兑换参与率低于 30%</View> : null}
      </View>
      <CellGroup inset>
        <Cell title="住户 / 已绑定微信" value={`${row.households} / ${row.boundHouseholds} 户`} />
        <Cell title="有评议通过的户" value={`${row.approvedHouseholds} 户（${pct(row.approvedPercent)}）`} />
        <Cell title="兑换过的户" value={`${row.redeemingHouseholds} 户（${pct(p.percent)}）`} label="目标：全村 30% 的户参与兑换" />
        <Cell title="本期发放 / 兑换积分" value={`${row.issued} / ${row.redeemed} 分`} />
        <Cell title="待公示 / 可兑换积分（当前）" value={`${row.pending} / ${row.redeemable} 分`} />
        <Cell title="基金池 + 库存 / 未兑换积分折合" value={`${yuan(row.poolFen + row.stockValueFen)} / ${yuan(row.liabilityFen)}`} label={row.fundWarning ?? undefined} />
        <Cell title="月度评议逾期" value={row.lateMonths > 0 ? `${row.lateMonths} 个月` : '无'} />
        <Cell title={`${row.publicity.quarter} 公示`} value={row.publicity.label} />
        <Cell title="事件：办理中 / 超期" value={`${row.eventsOpen} / ${row.eventsOverdue} 件`} />
        <Cell title={`网格员评定（${row.assessment.month}）`} value={row.assessment.average === null ? '未发布' : `平均 ${row.assessment.average} 分（${row.assessment.workers} 人）`} />
      </CellGroup>
      <View className="actions">
        <Button round plain block type="primary" disabled={busy} onClick={onLedger}>
          导出本期积分台账（Excel）
        </Button>
      </View>
    </View>
  );
}

/**
 * 镇看板 (town admin: every village) / 村看板 (village admin: own village) for a month, quarter
 * or year: charts of the participation against the 30% target and of points issued/redeemed,
 * then each village's figures and its 积分台账.
 */
export default function DashboardPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const [span, setSpan] = useState<PeriodSpan>('quarter');
  const [month, setMonth] = useState(monthOf(today()));
  const period = periodContaining(span, month);
  const m = me.data;
  const isTown = !!m && holdsAny(m, ['town_admin']);
  const board = useRemote(() => (m ? call('fund', 'dashboard', { period }) : Promise.resolve(null)), { deps: [!!m, period] });
  const save = useSave();
  const d = board.data;
  const take = (fetch: () => Promise<ExportAnswer>) => void save.run(async () => saveExport(await fetch()), { success: '已生成' });

  return (
    <View className="page dashboard">
      <Status loading={me.loading} error={me.error} hasData={!!m} onRetry={() => void me.reload()}>
        <View className="card">
          <Segmented options={SPANS} value={span} onChange={(v) => setSpan(v as PeriodSpan)} />
          <Picker mode="date" fields="month" value={month} end={monthOf(today())} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
            <View className="dashboard__period">
              {periodOf(period).label}
              <View className="muted">点此更换</View>
            </View>
          </Picker>
        </View>
        <Status loading={board.loading} error={board.error} hasData={!!d} onRetry={() => void board.reload()}>
          {d ? (
            <View>
              {d.total ? (
                <View className="dashboard__summary card">
                  <View>全镇 {d.total.households} 户，兑换参与率 {pct(d.total.participation.percent)}</View>
                  <View className="muted">
                    本期发放 {d.total.issued} 分，兑换 {d.total.redeemed} 分；评议逾期 {d.total.lateMonths} 个月，超期事件 {d.total.eventsOverdue} 件
                  </View>
                </View>
              ) : null}
              <BarChart
                title={`兑换参与率（${isTown ? '各村' : '本村'}）`}
                max={100}
                target={{ value: d.targetPercent, label: `目标 ${d.targetPercent}%` }}
                bars={d.villages.map((v) => ({
                  key: v.villageId,
                  label: v.villageName,
                  values: [{ value: v.participation.percent ?? 0, text: `${pct(v.participation.percent)}（${v.redeemingHouseholds}/${v.households}户）`, tone: v.participation.belowTarget ? 'alert' : 'main' }],
                  note: v.participation.belowTarget ? '低于 30%' : undefined,
                }))}
              />
              <BarChart
                title="积分发放与兑换"
                legend={[
                  { tone: 'main', label: '发放' },
                  { tone: 'second', label: '兑换' },
                ]}
                bars={d.villages.map((v) => ({
                  key: v.villageId,
                  label: v.villageName,
                  values: [
                    { value: v.issued, text: `${v.issued} 分`, tone: 'main' },
                    { value: v.redeemed, text: `${v.redeemed} 分`, tone: 'second' },
                  ],
                }))}
              />
              {d.villages.map((row) => (
                <VillageCard key={row.villageId} row={row} busy={save.busy} onLedger={() => take(() => call('sheets', 'pointsLedger', { villageId: row.villageId, period }))} />
              ))}
            </View>
          ) : null}
        </Status>
      </Status>
    </View>
  );
}
