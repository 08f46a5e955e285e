import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { mayDecideObjection } from '@domain/publicity/policy';
import type { ObjectionStatus } from '@domain/publicity/types';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import Button from '../../components/vant/button';
import Status from '../../components/status';
import ObjectionCard from './ObjectionCard';
import DecideForm from './DecideForm';
import './index.scss';

const TABS: { title: string; status?: ObjectionStatus }[] = [
  { title: '待调查', status: 'open' },
  { title: '待会签', status: 'proposed' },
  { title: '已成立', status: 'upheld' },
  { title: '不成立', status: 'dismissed' },
];
const PAGE = 20;

/** 异议处理: the committees see every objection of the quarter; reviewers and supervisors co-sign decisions; others read. */
export default function ObjectionsPage() {
  const { params } = useRouter();
  const quarter = params.quarter ? decodeURIComponent(params.quarter) : undefined;
  const villageId = params.villageId ? decodeURIComponent(params.villageId) : undefined;
  const [tab, setTab] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const me = useRemote(() => call('identity', 'whoami', {}));
  const list = useRemote(() => call('publicity', 'objections', { scope: 'village', ...(villageId ? { villageId } : {}), ...(quarter ? { quarter } : {}), status: TABS[tab].status, limit }), {
    deps: [tab, limit],
  });
  useLoadOnShow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const who = me.data;
  const actor = who ? { _id: who.person.id, roles: who.roles, householdId: who.household?.id ?? null, villageId: who.village?.id ?? null, townId: who.town.id } : null;
  // The rule the function applies: a reviewer or supervisor of the village, not on their own household's line.
  const canSign = (o: { villageId: string; householdId: string }) => !!actor && mayDecideObjection(actor, o).ok;
  const items = list.data?.items ?? [];
  return (
    <View className="page">
      <Tabs
        titles={TABS.map((t) => t.title)}
        active={tab}
        onChange={(i) => {
          setTab(i);
          setLimit(PAGE);
        }}
      />
      <Status loading={list.loading && !list.data} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {items.length === 0 ? (
          <Empty description="没有这类异议" />
        ) : (
          items.map((o) => (
            <ObjectionCard key={o._id} o={o}>
              {canSign(o) && (o.status === 'open' || o.status === 'proposed') ? <DecideForm o={o} onDone={() => void list.reload()} /> : null}
            </ObjectionCard>
          ))
        )}
        {list.data && items.length < list.data.total ? (
          <View className="objection__actions">
            <Button block round onClick={() => setLimit((n) => Math.min(100, n + PAGE))}>
              加载更多（共 {list.data.total} 条）
            </Button>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
