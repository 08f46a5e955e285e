import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { LedgerEntry } from '@domain/ledger/types';
import { call } from '../../services/api';
import { showError } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useElderClass } from '../../hooks/useElder';
import { canSpeak, speak } from '../../services/speech';
import { pointsReadout } from '@domain/points/plainWords';
import BalanceCard from '../../components/balance';
import BalanceAt from '../../components/balance-at';
import EntryLine from '../../components/ledger-entry';
import Journey from '../../components/journey';
import { pendingJourney } from '@domain/points/journey';
import { today } from '../../utils/format';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import { usePullToReload } from '../../hooks/usePullToReload';
import './index.scss';

const PAGE_SIZE = 20;

/** 户积分: the household's three figures and its ledger, newest first, 20 at a time. */
export default function PointsPage() {
  const balance = useRemote(() => call('ledger', 'balance', {}), { auto: false });
  const me = useRemote(() => call('identity', 'whoami', {}), { auto: false });
  const first = useRemote(() => call('ledger', 'entries', { limit: PAGE_SIZE }), { auto: false });
  // Older pages fetched with 加载更多, appended below the first page.
  const [more, setMore] = useState<{ items: LedgerEntry[]; next: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const reload = async () => {
    setMore(null);
    await Promise.all([balance.reload(), first.reload(), me.reload()]);
  };
  useDidShow(() => void reload());
  usePullToReload(() => reload());

  const cursor = more ? more.next : (first.data?.nextBeforeSeq ?? null);
  const loadMore = async () => {
    if (cursor === null || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await call('ledger', 'entries', { beforeSeq: cursor, limit: PAGE_SIZE });
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], next: page.nextBeforeSeq }));
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const elder = useElderClass();
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const b = balance.data;
  return (
    <View className={`page points ${elder}`}>
      <Status loading={balance.loading} error={balance.error} hasData={!!b} onRetry={() => void reload()}>
        {b ? <BalanceCard figures={b} subtitle={`${b.doorNo} · ${b.householdName}`} /> : null}
      </Status>
      {b && canSpeak() ? (
        <View className="actions">
          <Button block round plain type="primary" onClick={() => void speak(pointsReadout(b, items.slice(0, 3))).catch(showError)}>
            读给我听
          </Button>
        </View>
      ) : null}
      {b && b.pending > 0 && me.data?.policy ? <Journey title="待公示积分什么时候能兑换" steps={pendingJourney(me.data.policy, today())} today={today()} /> : null}
      {b ? <BalanceAt /> : null}
      <View className="section-title">积分明细</View>
      <Status loading={first.loading} error={first.error} hasData={!!first.data} onRetry={() => void first.reload()}>
        {items.length === 0 ? (
          <Empty description="还没有积分记录" />
        ) : (
          <View className="card entries">
            {items.map((e) => (
              <EntryLine key={e._id} entry={e} plain />
            ))}
          </View>
        )}
        {cursor !== null ? (
          <View className="actions">
            <Button block round plain loading={loadingMore} disabled={loadingMore} onClick={() => void loadMore()}>
              加载更多
            </Button>
          </View>
        ) : items.length > 0 ? (
          <View className="entries__end muted">没有更早的记录了</View>
        ) : null}
      </Status>
    </View>
  );
}
