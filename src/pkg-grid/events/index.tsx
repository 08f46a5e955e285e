import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { QUEUE_FILTERS, type EventListItem, type EventStatsRow, type QueueFilter, type QueueScope } from '@domain/api/events';
import { call } from '../../services/api';
import { showError, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { route } from '../../constants/routes';
import { queryParam } from '../../utils/params';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Segmented from '../../components/segmented';
import VillagePicker from '../../components/village-picker';
import { useTownVillages } from '../../hooks/useTownVillages';
import EventCard from './card';
import { FILTER_LABELS, SCOPE_LABELS } from './labels';
import './index.scss';

const open = (id: string) => void Taro.navigateTo({ url: route('event', { id }) });

function StatsRow({ r }: { r: Pick<EventStatsRow, 'open' | 'overdue' | 'closed' | 'satisfied' | 'basic' | 'unsatisfied'> & { gridName: string } }) {
  return (
    <View className="events__stats-row">
      <View className="events__stats-name">{r.gridName}</View>
      <View>
        待办 {r.open} · 超期 {r.overdue} · 办结 {r.closed} · 满意 {r.satisfied}/{r.basic}/{r.unsatisfied}
      </View>
    </View>
  );
}

/**
 * 事件统计: open, overdue, closed and 回访 ratings (满意/基本满意/不满意) by grid. The town admin
 * picks a village or the whole town (then each grid is named with its village: every village has an 一组).
 */
function Stats() {
  const [villageId, setVillageId] = useState('');
  const town = useTownVillages();
  const stats = useRemote(() => call('events', 'stats', villageId ? { villageId } : {}), { deps: [villageId], onShow: true });
  const villageName = (id: string) => town.villages.find((v) => v.value === id)?.label ?? '';
  const named = !villageId && town.villages.length > 1;
  return (
    <>
      <View className="section-title">事件统计（按网格；回访：满意/基本满意/不满意）</View>
      <VillagePicker value={villageId} onChange={setVillageId} all="全镇" />
      <View className="card events__stats">
        <Status loading={stats.loading} error={stats.error} hasData={!!stats.data} onRetry={() => void stats.reload()}>
          {stats.data ? (
            <>
              {stats.data.rows.map((r) => (
                <StatsRow key={r.gridId} r={named ? { ...r, gridName: `${villageName(r.villageId)} · ${r.gridName}` } : r} />
              ))}
              <StatsRow r={{ ...stats.data.total, gridName: '合计' }} />
            </>
          ) : null}
        </Status>
      </View>
    </>
  );
}

/** 我报告的事件: a villager sees only their own reports and where each stands. */
function Mine() {
  const list = useRemote(() => call('events', 'mine', {}), { onShow: true, pullDown: true });
  const items = list.data?.items ?? [];
  return (
    <View className="page">
      <View className="actions">
        <Button type="primary" block round onClick={() => void Taro.navigateTo({ url: route('report') })}>
          随手拍 · 说事
        </Button>
      </View>
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {items.length === 0 ? <Empty description="还没有报告过事件" /> : items.map((e) => <EventCard key={e.id} e={e} onClick={() => open(e.id)} />)}
      </Status>
    </View>
  );
}

/** The work list: my grids, the village or the town, or what was dispatched to me; 待办 / 超期 / 已办结. */
function Queue() {
  const { params } = useRouter();
  // 工作台's 已超期 opens the list at 超期 (?filter=overdue).
  const asked = queryParam(params, 'filter') as QueueFilter;
  const [scope, setScope] = useState<QueueScope | undefined>(undefined);
  const [filter, setFilter] = useState<QueueFilter>(QUEUE_FILTERS.includes(asked) ? asked : 'open');
  const [extra, setExtra] = useState<EventListItem[]>([]);
  const [page, setPage] = useState(0);
  const list = useRemote(() => call('events', 'queue', { filter, ...(scope ? { scope } : {}) }), { auto: false, deps: [scope, filter], pullDown: true });
  useLoadOnShow(() => {
    setExtra([]);
    setPage(0);
    void list.reload();
  });
  const data = list.data;
  const current = data?.scope ?? scope;
  const items = [...(data?.items ?? []), ...extra];
  const [more, setMore] = useState<boolean | null>(null);
  const hasMore = more ?? data?.hasMore ?? false;

  const loadMore = async () => {
    try {
      const next = await call('events', 'queue', { filter, page: page + 1, ...(current ? { scope: current } : {}) });
      setExtra([...extra, ...next.items]);
      setPage(page + 1);
      setMore(next.hasMore);
    } catch (e) {
      showError(e);
    }
  };
  const change = (s: QueueScope | undefined, f: QueueFilter) => {
    setExtra([]);
    setPage(0);
    setMore(null);
    setScope(s);
    setFilter(f);
  };
  const check = async () => {
    try {
      const r = await call('events', 'checkOverdue', {});
      toastSuccess(r.flagged > 0 ? `已督办 ${r.flagged} 件` : '没有新的超期事件');
      void list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <View className="page">
      {data && data.scopes.length > 1 ? (
        <View className="card">
          <Segmented options={data.scopes.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))} value={current ?? null} onChange={(v) => change(v as QueueScope, filter)} />
        </View>
      ) : null}
      <View className="card">
        <Segmented options={QUEUE_FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] }))} value={filter} onChange={(v) => change(current, v as QueueFilter)} />
      </View>
      {current === 'village' || current === 'town' ? (
        <View className="actions">
          <Button size="small" round plain type="warning" onClick={() => void check()}>
            督办超期事件
          </Button>
        </View>
      ) : null}
      <Status loading={list.loading} error={list.error} hasData={!!data} onRetry={() => void list.reload()}>
        {items.length === 0 ? <Empty description={`没有${FILTER_LABELS[filter]}事件`} /> : items.map((e) => <EventCard key={e.id} e={e} onClick={() => open(e.id)} />)}
        {hasMore ? (
          <View className="actions">
            <Button block round plain onClick={() => void loadMore()}>
              加载更多
            </Button>
          </View>
        ) : null}
      </Status>
      {current === 'village' || current === 'town' ? <Stats /> : null}
    </View>
  );
}

export default function EventsPage() {
  const { params } = useRouter();
  return queryParam(params, 'mine') ? <Mine /> : <Queue />;
}
