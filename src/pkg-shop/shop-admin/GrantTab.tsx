import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { GridHouseholdView } from '@domain/api/grid';
import type { LedgerEntry } from '@domain/ledger/types';
import { NOT_REVERSIBLE } from '@domain/ledger/policy';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { signedPoints } from '../../utils/format';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Popup from '../../components/vant/popup';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import EntryLine from '../../components/ledger-entry';

/** How many of the household's latest entries the admin sees here. */
const RECENT = 10;

const DIRECTIONS = [
  { value: 'grant', label: '发放（加分）' },
  { value: 'deduct', label: '扣减（减分）' },
];

/** 冲销 one entry: the reason, then a new entry with the opposite points; the original stays. */
function ReverseForm({ entry, onDone }: { entry: LedgerEntry; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  // One id per opening: a retried confirm is the same reversal to the server.
  const requestId = useRef(newRequestId());
  const busy = useRef(false);
  const save = async () => {
    if (busy.current) return;
    if (reason.trim().length < 2) return toast('请填写冲销原因');
    busy.current = true;
    setSaving(true);
    try {
      const r = await call('ledger', 'reverse', { requestId: requestId.current, entryId: entry._id, reason: reason.trim() });
      toastSuccess('已冲销');
      onDone(`已冲销“${entry.label}” ${signedPoints(r.entry.delta)} 分，现可兑换 ${r.balance.redeemable} 分`);
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <View>
      <View className="card">
        <EntryLine entry={entry} />
      </View>
      <View className="admin__hint muted">
        冲销会新记一笔 {signedPoints(-entry.delta)} 分的“更正冲销”，原记录保留不改，该户积分明细里两笔都看得到。
      </View>
      <CellGroup inset>
        <Field label="冲销原因" type="textarea" value={reason} placeholder="例如 录错了户、重复发放" maxlength={200} autosize required onChange={setReason} />
      </CellGroup>
      <View className="actions">
        <Button type="danger" block round loading={saving} disabled={saving} onClick={() => void save()}>
          确认冲销
        </Button>
      </View>
    </View>
  );
}

/**
 * 发放积分: the village admin grants (or deducts) redeemable points to one household, with a
 * reason; every adjustment is a ledger entry naming the admin. Household: grid → door number.
 */
export default function GrantTab() {
  const grids = useRemote(() => call('grid', 'list', {}));
  const [gridId, setGridId] = useState<string | null>(null);
  const households = useRemote(() => (gridId ? call('grid', 'households', { gridId }) : Promise.resolve(null)), { deps: [gridId] });
  const [household, setHousehold] = useState<GridHouseholdView | null>(null);
  const balance = useRemote(() => (household ? call('ledger', 'balance', { householdId: household.id }) : Promise.resolve(null)), {
    deps: [household?.id],
  });
  const recent = useRemote(
    () => (household ? call('ledger', 'entries', { householdId: household.id, limit: RECENT }) : Promise.resolve(null)),
    { deps: [household?.id] },
  );
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const [reverseOpened, setReverseOpened] = useState(0);
  const [direction, setDirection] = useState<'grant' | 'deduct'>('grant');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [last, setLast] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  const busy = useRef(false);

  const pickGrid = (id: string) => {
    setGridId(id);
    setHousehold(null);
  };
  const pickHousehold = (h: GridHouseholdView) => {
    setHousehold(h);
    requestId.current = newRequestId();
    setLast(null);
  };

  const save = async () => {
    if (busy.current) return;
    if (!household) return toast('请先选择户');
    if (!/^[1-9]\d*$/.test(points.trim())) return toast('积分必须是正整数');
    if (reason.trim().length < 2) return toast('请填写调整原因');
    const n = Number(points.trim()) * (direction === 'deduct' ? -1 : 1);
    busy.current = true;
    setSaving(true);
    try {
      const r = await call('ledger', 'adjust', { requestId: requestId.current, householdId: household.id, points: n, reason: reason.trim() });
      requestId.current = newRequestId();
      toastSuccess(n > 0 ? '已发放' : '已扣减');
      setLast(`${household.doorNo} ${household.headName}户 ${signedPoints(n)} 分，现可兑换 ${r.balance.redeemable} 分`);
      setPoints('');
      setReason('');
      void balance.reload();
      void recent.reload();
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  const openReverse = (e: LedgerEntry) => {
    setReverseOpened((n) => n + 1);
    setReversing(e);
  };
  const reversed = (message: string) => {
    setReversing(null);
    setLast(message);
    void balance.reload();
    void recent.reload();
  };
  const entries = recent.data?.items ?? [];
  // Entries already corrected: their reversal is newer, so it is on the same page.
  const reversedIds = new Set(entries.map((e) => e.reverses).filter((id): id is string => id !== null));
  const entryAction = (e: LedgerEntry) => {
    if (e.kind === 'reversal') return null;
    if (reversedIds.has(e._id)) {
      return (
        <Tag type="default" plain>
          已冲销
        </Tag>
      );
    }
    if (e.kind === 'redemption') return <Text className="muted">退货请到超市办理</Text>;
    // The same rule the ledger function enforces: only the admin's own adjustments are the admin's to undo.
    if (NOT_REVERSIBLE[e.kind]) return <Text className="muted">小组决定，不能冲销</Text>;
    return (
      <Button size="small" round plain type="danger" onClick={() => openReverse(e)}>
        冲销
      </Button>
    );
  };

  const gridOptions = (grids.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.householdCount} 户）` }));
  // 一组2号 before 一组10号.
  const hhItems = [...(households.data?.items ?? [])].sort((a, b) => a.doorNo.localeCompare(b.doorNo, 'zh-CN', { numeric: true }));
  return (
    <View>
      <View className="card admin__intro muted">
        积分审核公示上线前，由村两委在此发放可兑换积分（也可扣减）。每一笔都记入该户积分明细，注明经办人和原因，不能修改。
      </View>
      <View className="section-title">1. 选择网格</View>
      <Status loading={grids.loading} error={grids.error} hasData={!!grids.data} onRetry={() => void grids.reload()}>
        {gridOptions.length === 0 ? <Empty description="本村还没有网格" /> : <Segmented options={gridOptions} value={gridId} onChange={pickGrid} />}
      </Status>
      {gridId ? (
        <View>
          <View className="section-title">2. 选择户（门牌号）</View>
          <Status loading={households.loading} error={households.error} hasData={!!households.data} onRetry={() => void households.reload()}>
            {hhItems.length === 0 ? (
              <Empty description="该网格还没有登记住户" />
            ) : (
              <Segmented
                options={hhItems.map((h) => ({ value: h.id, label: `${h.doorNo} ${h.headName}` }))}
                value={household?.id ?? null}
                onChange={(id) => {
                  const h = hhItems.find((x) => x.id === id);
                  if (h) pickHousehold(h);
                }}
              />
            )}
          </Status>
        </View>
      ) : null}
      {household ? (
        <View>
          <View className="section-title">3. 发放或扣减</View>
          <View className="card admin__picked">
            <View className="card__row">
              <Text className="card__title">
                {household.doorNo} · {household.headName}户
              </Text>
              <Text className="muted">{balance.data ? `可兑换 ${balance.data.redeemable} 分` : balance.error ?? ''}</Text>
            </View>
          </View>
          {last ? <View className="card admin__done">✓ {last}</View> : null}
          <Segmented options={DIRECTIONS} value={direction} onChange={(v) => setDirection(v as 'grant' | 'deduct')} />
          <CellGroup inset>
            <Field label="积分" type="number" value={points} placeholder="正整数" required onChange={setPoints} />
            <Field label="原因" type="textarea" value={reason} placeholder="例如 2026 年第三季度公示通过积分" maxlength={200} autosize required onChange={setReason} />
          </CellGroup>
          <View className="actions">
            <Button type={direction === 'deduct' ? 'danger' : 'primary'} block round loading={saving} disabled={saving} onClick={() => void save()}>
              {direction === 'deduct' ? '确认扣减' : '确认发放'}
            </Button>
          </View>
          <View className="section-title">4. 最近积分明细（录错可冲销）</View>
          <Status loading={recent.loading} error={recent.error} hasData={!!recent.data} onRetry={() => void recent.reload()}>
            {entries.length === 0 ? (
              <Empty description="该户还没有积分记录" />
            ) : (
              <View className="card admin__entries">
                {entries.map((e) => (
                  <EntryLine key={e._id} entry={e} extra={entryAction(e)} />
                ))}
              </View>
            )}
          </Status>
        </View>
      ) : null}
      <Popup show={!!reversing} position="bottom" round closeable onClose={() => setReversing(null)}>
        <View className="admin__popup" key={reverseOpened}>
          <View className="admin__popup-title">更正冲销</View>
          {reversing ? <ReverseForm entry={reversing} onDone={reversed} /> : null}
        </View>
      </Popup>
    </View>
  );
}
