import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { actorFromWhoAmI } from '@domain/access/actor';
import { mayReadReceipts, mayReturn, shopGates } from '@domain/shop/policy';
import { returnOpen } from '@domain/shop/returns';
import { policyWithDefaults } from '@domain/org/policy';
import { admits } from '@domain/access/gate';
import type { Receipt } from '@domain/shop/types';
import type { ReceiptScope } from '@domain/api/shop';
import type { WhoAmI } from '@domain/api/index';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { queryParam } from '../../utils/params';
import ReceiptCard from '../../components/receipt';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Button from '../../components/vant/button';
import ReturnForm from './ReturnForm';
import { useElderClass } from '../../hooks/useElder';

const SCOPE_TITLES: Record<ReceiptScope, string> = { household: '本户', issued: '我经手的', village: '全村' };

/** The receipt lists this person may open (the same policy as shop.receipts), widest first. */
function scopesFor(me: WhoAmI): ReceiptScope[] {
  const actor = actorFromWhoAmI(me);
  return (['village', 'issued', 'household'] as const).filter((scope) => mayReadReceipts(actor, scope).ok);
}

/** Whether this person may take back (some of) this receipt now: the shop's gate and rule, the village's window. */
function mayReturnNow(me: WhoAmI, receipt: Receipt, now: number): boolean {
  const actor = actorFromWhoAmI(me);
  return admits(shopGates.returnGoods, actor) && mayReturn(actor, receipt).ok && returnOpen(receipt, now, policyWithDefaults(me.policy ?? undefined).returnDays);
}

function ReceiptList({ scope, me }: { scope: ReceiptScope; me: WhoAmI }) {
  const list = useRemote(() => call('shop', 'receipts', { limit: 50, scope }), { onShow: true, pullDown: true });
  const [returning, setReturning] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  // The household's own list offers no 退货: that is done at the counter (issued / village).
  const canReturn = (r: Receipt) => scope !== 'household' && mayReturnNow(me, r, Date.now());
  return (
    <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
      {items.length === 0 ? (
        <Empty description="还没有兑换记录" />
      ) : (
        items.map((r) => (
          <View key={r._id}>
            <ReceiptCard receipt={r} />
            {returning === r._id ? (
              <ReturnForm
                receipt={r}
                onCancel={() => setReturning(null)}
                onDone={() => {
                  setReturning(null);
                  void list.reload();
                }}
              />
            ) : canReturn(r) ? (
              <View className="actions receipt-actions">
                <Button size="small" round plain type="danger" onClick={() => setReturning(r._id)}>
                  退货
                </Button>
              </View>
            ) : null}
          </View>
        ))
      )}
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
        {scope && me.data ? <ReceiptList key={scope} scope={scope} me={me.data} /> : me.data ? <Empty description="没有可查看的兑换记录" /> : null}
      </Status>
    </View>
  );
}
