import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { actorFromWhoAmI } from '@domain/access/actor';
import { mayReadReceipts } from '@domain/shop/policy';
import type { ReceiptScope } from '@domain/api/shop';
import type { WhoAmI } from '@domain/api/index';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { queryParam } from '../../utils/params';
import ReceiptCard from '../../components/receipt';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import { useElderClass } from '../../hooks/useElder';

const SCOPE_TITLES: Record<ReceiptScope, string> = { household: '本户', issued: '我经手的', village: '全村' };

/** The receipt lists this person may open (the same policy as shop.receipts), widest first. */
function scopesFor(me: WhoAmI): ReceiptScope[] {
  const actor = actorFromWhoAmI(me);
  return (['village', 'issued', 'household'] as const).filter((scope) => mayReadReceipts(actor, scope).ok);
}

function ReceiptList({ scope }: { scope: ReceiptScope }) {
  const list = useRemote(() => call('shop', 'receipts', { limit: 50, scope }), { auto: false });
  useLoadOnShow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = list.data?.items ?? [];
  return (
    <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
      {items.length === 0 ? <Empty description="还没有兑换记录" /> : items.map((r) => <ReceiptCard key={r._id} receipt={r} />)}
    </Status>
  );
}

/** 兑换记录: my household's, the ones I issued as a clerk, or the village's (village admin, supervisors); ?scope= picks one. */
export default function ReceiptsPage() {
  const elder = useElderClass();
  const { params } = useRouter();
  const asked = queryParam(params, 'scope') as ReceiptScope | '';
  const me = useRemote(() => call('identity', 'whoami', {}));
  const [chosen, setChosen] = useState<ReceiptScope | null>(null);
  const scopes = me.data ? scopesFor(me.data) : [];
  const scope = chosen ?? (asked && scopes.includes(asked) ? asked : scopes[0]) ?? null;
  return (
    <View className={`page ${elder}`}>
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {scopes.length > 1 && scope ? (
          <Tabs titles={scopes.map((s) => SCOPE_TITLES[s])} active={scopes.indexOf(scope)} onChange={(i) => setChosen(scopes[i])} />
        ) : null}
        {scope ? <ReceiptList key={scope} scope={scope} /> : me.data ? <Empty description="没有可查看的兑换记录" /> : null}
      </Status>
    </View>
  );
}
