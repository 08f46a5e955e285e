import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import type { LedgerRow } from '@domain/api/patrol';
import { monthOf } from '@domain/shared/time';
import { call } from '../../services/api';
import ExportButton from '../../components/export-button';
import { showError } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { formatTime, today } from '../../utils/format';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import VillagePicker from '../../components/village-picker';
import { useTownVillages } from '../../hooks/useTownVillages';
import './index.scss';

/**
 * 定点巡查台账 [004]: the village's (village admin) or the town's (town admin) patrols of a month, and
 * its CSV. The town admin picks a village or the whole town (then each grid is named with its village).
 */
export default function PatrolLedgerPage() {
  const [month, setMonth] = useState(() => monthOf(today()));
  const [extra, setExtra] = useState<LedgerRow[]>([]);
  const [page, setPage] = useState(0);
  const [more, setMore] = useState<boolean | null>(null);
  const [villageId, setVillageId] = useState('');
  const town = useTownVillages();
  const scope = villageId ? { villageId } : {};
  const ledger = useRemote(() => call('patrol', 'ledger', { month, ...scope }), { deps: [month, villageId] });
  const named = !villageId && town.villages.length > 1;
  const gridLabel = (r: LedgerRow) => (named ? `${town.villages.find((v) => v.value === r.villageId)?.label ?? ''} · ${r.gridName}` : r.gridName);
  const rows = [...(ledger.data?.items ?? []), ...extra];
  const hasMore = more ?? ledger.data?.hasMore ?? false;

  const pick = (m: string) => {
    setExtra([]);
    setPage(0);
    setMore(null);
    setMonth(m);
  };
  const pickVillage = (v: string) => {
    setExtra([]);
    setPage(0);
    setMore(null);
    setVillageId(v);
  };
  const loadMore = async () => {
    try {
      const next = await call('patrol', 'ledger', { month, ...scope, page: page + 1 });
      setExtra([...extra, ...next.items]);
      setPage(page + 1);
      setMore(next.hasMore);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <View className="page ledger">
      <VillagePicker value={villageId} onChange={pickVillage} all="全镇" />
      <CellGroup inset>
        <Picker mode="date" fields="month" value={month} end={monthOf(today())} onChange={(e) => pick(String(e.detail.value).slice(0, 7))}>
          <Cell title="月份" value={month} isLink />
        </Picker>
        <Cell title="巡查次数" value={ledger.data ? String(ledger.data.total) : '…'} />
      </CellGroup>
      <View className="actions">
        <ExportButton label="导出台账（Excel）" load={() => call('sheets', 'patrol', { month, ...scope })} />
        <ExportButton label="导出台账（CSV）" plain load={() => call('patrol', 'export', { month, ...scope })} />
      </View>
      <Status loading={ledger.loading} error={ledger.error} hasData={!!ledger.data} onRetry={() => void ledger.reload()}>
        <View className="card">
          {rows.length === 0 ? <Empty description="本月没有巡查记录" /> : null}
          {rows.map((r) => (
            <View key={r.id} className="ledger__row">
              <View className="ledger__head">
                <View>
                  {gridLabel(r)} · {r.workerName}
                </View>
                <View className="muted">{formatTime(r.at)}</View>
              </View>
              <View>
                {r.place}：{r.findings}
              </View>
              <View className="muted">
                照片 {r.photoCount} 张{r.eventCount ? ` · 上报事件 ${r.eventCount} 件` : ''}
              </View>
            </View>
          ))}
        </View>
        {hasMore ? (
          <View className="actions">
            <Button block round plain onClick={() => void loadMore()}>
              加载更多
            </Button>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
