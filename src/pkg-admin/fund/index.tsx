import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FUND_IN, FUND_KIND_LABELS, type FundEntry } from '@domain/fund/types';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { queryParam } from '../../utils/params';
import { formatTime, yuan } from '../../utils/format';
import PoolCard from '../../components/pool-card';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import './index.scss';

type RecordKind = 'donation' | 'sponsor' | 'collective_income' | 'other_out';
const RECORD_KINDS: { value: RecordKind; label: string }[] = (['donation', 'sponsor', 'collective_income', 'other_out'] as const).map((k) => ({
  value: k,
  label: FUND_KIND_LABELS[k],
}));

function EntryLine({ e }: { e: FundEntry }) {
  const isIn = FUND_IN.includes(e.kind);
  return (
    <View className="fund-entry">
      <View className="card__row">
        <Text>
          {FUND_KIND_LABELS[e.kind]}
          {e.counterparty ? ` · ${e.counterparty}` : ''}
        </Text>
        <Text className={isIn ? 'points--plus' : 'points--minus'}>
          {isIn ? '+' : '-'}
          {yuan(e.amountFen)}
        </Text>
      </View>
      <View className="muted">
        {formatTime(e.at)} · {e.actorName}
        {e.note ? ` · ${e.note}` : ''}
      </View>
    </View>
  );
}

/**
 * 记一笔: money in (乡贤捐赠, 企业赞助, 集体收入) or other money out; purchases come from stock-in.
 * The town admin (`villages` given) first picks the village the money is for.
 */
function RecordForm({ onDone, villages }: { onDone: () => void; villages?: { value: string; label: string }[] }) {
  const [kind, setKind] = useState<RecordKind>('donation');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [counterparty, setCounterparty] = useState('');
  const [note, setNote] = useState('');
  const save = useSave();
  // One id per entry: a double tap or a retry after a lost answer records it once.
  const requestId = useRef(newRequestId());

  const submit = async () => {
    if (villages && !villageId) return toast('请先选是哪个村的钱');
    if (!/^\d+(\.\d{1,2})?$/.test(amount.trim())) return toast('请填写金额（元），最多两位小数');
    const amountYuan = Number(amount.trim());
    if (amountYuan <= 0) return toast('金额必须大于 0');
    const done = await save.run(
      () =>
        call('fund', 'record', {
          requestId: requestId.current,
          kind,
          amountYuan,
          ...(villages && villageId ? { villageId } : {}),
          ...(counterparty.trim() ? { counterparty: counterparty.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      { success: '已记账' },
    );
    if (!done) return;
    requestId.current = newRequestId();
    setAmount('');
    setCounterparty('');
    setNote('');
    onDone();
  };

  return (
    <View>
      <View className="section-title">记一笔</View>
      {villages ? (
        <View>
          <View className="fund__hint muted">哪个村的钱（乡贤捐赠、企业赞助记到受益的村）</View>
          <Segmented options={villages} value={villageId} onChange={setVillageId} />
        </View>
      ) : null}
      <Segmented options={RECORD_KINDS} value={kind} onChange={(v) => setKind(v as RecordKind)} />
      <CellGroup inset>
        <Field label="金额（元）" type="text" value={amount} placeholder="例如 5000" required onChange={setAmount} />
        <Field label={kind === 'other_out' ? '收款方' : '来源'} value={counterparty} placeholder={kind === 'donation' ? '例如 乡贤王某' : '选填'} maxlength={60} onChange={setCounterparty} />
        <Field label="备注" value={note} placeholder="选填" maxlength={200} onChange={setNote} />
      </CellGroup>
      <View className="actions">
        <Button type="primary" block round loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
          {FUND_IN.includes(kind) ? '记入收入' : '记入支出'}
        </Button>
      </View>
      <View className="fund__hint muted">采购商品的支出在“超市管理 → 入库”时按进价自动记入。</View>
    </View>
  );
}

function VillageFund() {
  const fund = useRemote(() => call('fund', 'village', {}), { onShow: true, pullDown: true });
  const data = fund.data;
  return (
    <Status loading={fund.loading} error={fund.error} hasData={!!data} onRetry={() => void fund.reload()}>
      {data ? (
        <View>
          <PoolCard title={`${data.pool.villageName} 基金池`} pool={data.pool} />
          <RecordForm onDone={() => void fund.reload()} />
          <View className="section-title">收支明细</View>
          {data.entries.length === 0 ? (
            <Empty description="还没有收支记录" />
          ) : (
            <View className="card">
              {data.entries.map((e) => (
                <EntryLine key={e._id} e={e} />
              ))}
            </View>
          )}
        </View>
      ) : null}
    </Status>
  );
}

function TownFund() {
  const fund = useRemote(() => call('fund', 'town', {}), { onShow: true, pullDown: true });
  const data = fund.data;
  return (
    <Status loading={fund.loading} error={fund.error} hasData={!!data} onRetry={() => void fund.reload()}>
      {data ? (
        <View>
          <PoolCard title="全镇合计" pool={data.total} />
          <View className="section-title">各村（{data.villages.length} 个）</View>
          {data.villages.map((v) => (
            <PoolCard key={v.villageId} title={v.villageName} pool={v} />
          ))}
          <RecordForm villages={data.villages.map((v) => ({ value: v.villageId, label: v.villageName }))} onDone={() => void fund.reload()} />
        </View>
      ) : null}
    </Status>
  );
}

/** 基金池: the village admin's pool and entries (?scope=town: the town admin's view of every village). */
export default function FundPage() {
  const { params } = useRouter();
  const town = queryParam(params, 'scope') === 'town';
  useEffect(() => {
    if (town) void Taro.setNavigationBarTitle({ title: '镇基金池' }).catch(() => undefined);
  }, [town]);
  return <View className="page">{town ? <TownFund /> : <VillageFund />}</View>;
}
