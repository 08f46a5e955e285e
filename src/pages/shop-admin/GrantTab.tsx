import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { GridHouseholdView } from '@domain/api/grid';
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
import Status from '../../components/status';

const DIRECTIONS = [
  { value: 'grant', label: '发放（加分）' },
  { value: 'deduct', label: '扣减（减分）' },
];

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
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
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
        </View>
      ) : null}
    </View>
  );
}
