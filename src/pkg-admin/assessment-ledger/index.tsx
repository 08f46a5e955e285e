import { useState } from 'react';

import { Text, View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { assessmentGates } from '@domain/grid/assessmentPolicy';
import type { AssessmentRow } from '@domain/grid/assessmentLedger';
import { call } from '../../services/api';
import { showError } from '../../services/feedback';
import ExportButton from '../../components/export-button';
import { useRemote } from '../../hooks/useRemote';
import { signedPoints } from '../../utils/format';
import VillagePicker from '../../components/village-picker';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import MonthSwitch, { lastMonth, monthLabel } from '../../pkg-grid/assessment/monthSwitch';
import '../../pkg-grid/assessment/index.scss';
import './index.scss';

const PAGE_SIZE = 50;

function Row({ r, showVillage }: { r: AssessmentRow; showVillage: boolean }) {
  return (
    <View className="asm-ledger__row">
      <View className="card__row">
        <Text>
          {showVillage ? `${r.villageName} · ` : ''}
          {r.gridName} · {r.workerName}
        </Text>
        <Text className="asm-ledger__total">{r.total} 分</Text>
      </View>
      <View className="muted">
        巡查 {r.counts.patrolDay} 天 · 走访 {r.counts.householdVisit} 户次 · 上报 {r.counts.eventReported} · 解决 {r.counts.eventSolved} · 逾期 {r.counts.eventOverdue} · 未完成走访 {r.counts.visitWeekMissed} 周
      </View>
      <View className="muted">
        计算 {r.autoPoints} · 加减分 {signedPoints(r.manualPoints)} · 更正 {signedPoints(r.correctionPoints)}
      </View>
    </View>
  );
}

/** Town: the dashboard line per village (网格员积分评定: published grids, workers, total, average). */
function TownOverview({ month }: { month: string }) {
  const o = useRemote(() => call('assessment', 'townOverview', { month }), { deps: [month] });
  return (
    <Status loading={o.loading} error={o.error} hasData={!!o.data} onRetry={() => void o.reload()}>
      {o.data ? (
        <View>
          <View className="section-title">各村汇总</View>
          <View className="card">
            {o.data.villages.map((v) => (
              <View key={v.villageId} className="asm-ledger__row">
                <View className="card__row">
                  <Text>{v.villageName}</Text>
                  <Text className="asm-ledger__total">{v.average === null ? '—' : `人均 ${v.average} 分`}</Text>
                </View>
                <View className="muted">
                  已发布 {v.gridsPublished}/{v.grids} 个网格 · {v.workers} 名网格员 · 合计 {v.total} 分
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </Status>
  );
}

function Ledger({ month, villageId, showVillage }: { month: string; villageId: string | undefined; showVillage: boolean }) {
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<AssessmentRow[]>([]);
  const first = useRemote(
    async () => {
      const p = await call('assessment', 'ledger', { month, ...(villageId ? { villageId } : {}), page: 0, pageSize: PAGE_SIZE });
      setRows(p.rows);
      setPage(0);
      return p;
    },
    { deps: [month, villageId], pullDown: true },
  );
  const more = async () => {
    try {
      const p = await call('assessment', 'ledger', { month, ...(villageId ? { villageId } : {}), page: page + 1, pageSize: PAGE_SIZE });
      setRows((r) => [...r, ...p.rows]);
      setPage(page + 1);
    } catch (e) {
      showError(e);
    }
  };
  const total = first.data?.total ?? 0;
  return (
    <Status loading={first.loading} error={first.error} hasData={!!first.data} onRetry={() => void first.reload()}>
      {first.data ? (
        <View>
          <View className="section-title">
            {first.data.scopeName} {monthLabel(month)}（{total} 人）
          </View>
          {rows.length === 0 ? (
            <Empty description="本月还没有网格发布评定" />
          ) : (
            <View className="card">
              {rows.map((r) => (
                <Row key={r._id} r={r} showVillage={showVillage} />
              ))}
            </View>
          )}
          {rows.length < total ? (
            <View className="actions">
              <Button block round onClick={() => void more()}>
                加载更多
              </Button>
            </View>
          ) : null}
          <View className="actions">
            <ExportButton label="导出台账（Excel）" disabled={total === 0} load={() => call('sheets', 'assessment', { month, ...(villageId ? { villageId } : {}) })} />
            <ExportButton label="导出台账（CSV）" plain disabled={total === 0} load={() => call('assessment', 'export', { month, ...(villageId ? { villageId } : {}) })} />
          </View>
        </View>
      ) : null}
    </Status>
  );
}

/** 网格员积分评定台账: the village admin's village, or the town admin's town (with the per-village line). */
export default function AssessmentLedgerPage() {
  const [month, setMonth] = useState(lastMonth());
  const [villageId, setVillageId] = useState('');
  const me = useRemote(() => call('identity', 'whoami', {}));
  const town = me.data ? admits(assessmentGates.townOverview, { roles: me.data.roles, householdId: me.data.household?.id ?? null }) : false;
  return (
    <View className="page">
      <MonthSwitch month={month} onChange={setMonth} />
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {me.data ? (
          <View>
            {town ? <TownOverview month={month} /> : null}
            <VillagePicker value={villageId} onChange={setVillageId} all="全镇" />
            <Ledger month={month} villageId={town && villageId ? villageId : undefined} showVillage={town && !villageId} />
          </View>
        ) : null}
      </Status>
    </View>
  );
}
