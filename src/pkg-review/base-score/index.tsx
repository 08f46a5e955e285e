import { useRef, useState } from 'react';

import { Text, View } from '@tarojs/components';
import type { BaseScoreRow } from '@domain/api/audit';
import { previousQuarter } from '@domain/audit/baseScore';
import { quarterOf } from '@domain/shared/time';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { formatTime, today } from '../../utils/format';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Popup from '../../components/vant/popup';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import './index.scss';

function quarterLabel(q: string): string {
  return `${q.slice(0, 4)}年第${q.slice(6)}季度`;
}

/** The gate as the clerk will see it: 达标 (two quarters ≥ 85), 未达标, or not scored yet. */
function GateTag({ ok }: { ok: boolean | null }) {
  if (ok === null) return <Tag plain>未评定</Tag>;
  return ok ? <Tag type="success">可兑换</Tag> : <Tag type="danger">暂停兑换</Tag>;
}

/** One inspection for one household: score 0–100, date, note. */
function RecordForm({ row, quarter, onDone }: { row: BaseScoreRow; quarter: string; onDone: () => void }) {
  const [score, setScore] = useState('');
  const [date, setDate] = useState(quarter === quarterOf(today()) ? today() : '');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const requestId = useRef(newRequestId());
  const busy = useRef(false);
  const save = async () => {
    if (busy.current) return;
    if (!/^\d{1,3}$/.test(score.trim()) || Number(score.trim()) > 100) return toast('评分为 0～100 的整数');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) return toast('检查日期格式为 YYYY-MM-DD');
    busy.current = true;
    setSaving(true);
    try {
      const r = await call('audit', 'recordBaseScore', {
        requestId: requestId.current,
        householdId: row.householdId,
        date: date.trim(),
        score: Number(score.trim()),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      toastSuccess(`本季均分 ${r.record?.average ?? '-'}`);
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <View className="bs__form">
      <View className="section-title">
        {row.headName}（{row.doorNo}） · {quarterLabel(quarter)}
      </View>
      {row.record ? (
        <View className="card">
          {row.record.inspections.map((i, n) => (
            <View key={n} className="muted">
              {i.date} {i.score} 分 · {i.byName}
              {i.note ? ` · ${i.note}` : ''}
            </View>
          ))}
        </View>
      ) : null}
      <CellGroup inset>
        <Field label="人居环境评分" type="number" value={score} placeholder="0～100" required onChange={setScore} />
        <Field label="检查日期" value={date} placeholder="YYYY-MM-DD" required onChange={setDate} />
        <Field label="备注" value={note} placeholder="选填" maxlength={200} onChange={setNote} />
      </CellGroup>
      <View className="actions">
        <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
          登记本次检查
        </Button>
      </View>
    </View>
  );
}

/**
 * 基础评分 [003]: the committee inspects each household's 人居环境 every quarter (0–100; several
 * inspections average). Two consecutive quarters ≥ 85 are needed to redeem at the shop.
 */
export default function BaseScorePage() {
  const current = quarterOf(today());
  const [quarter, setQuarter] = useState(current);
  const [gridId, setGridId] = useState<string | null>(null);
  const [editing, setEditing] = useState<BaseScoreRow | null>(null);
  const grids = useRemote(async () => {
    const r = await call('grid', 'list', {});
    if (!gridId && r.items[0]) setGridId(r.items[0].id);
    return r;
  });
  const rows = useRemote(() => (gridId ? call('audit', 'baseScores', { gridId, quarter }) : Promise.resolve(null)), { deps: [gridId, quarter], pullDown: true });
  const data = rows.data;
  return (
    <View className="bs">
      <Segmented
        options={[current, previousQuarter(current)].map((q) => ({ value: q, label: quarterLabel(q) }))}
        value={quarter}
        onChange={setQuarter}
      />
      <Segmented options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={gridId} onChange={setGridId} />
      <View className="muted bs__hint">点击一户登记本次检查；季度均分按 0.1 分折算积分，连续两个季度 ≥ 85 分方可兑换。</View>
      <Status loading={rows.loading || grids.loading} error={rows.error ?? grids.error} hasData={!!data} onRetry={() => void rows.reload()}>
        {data ? (
          data.items.length === 0 ? (
            <Empty description="该网格没有住户" />
          ) : (
            <View className="card">
              {data.items.map((r) => (
                <View key={r.householdId} className="card__row bs__row" onClick={() => setEditing(r)}>
                  <Text>
                    {r.doorNo} {r.headName}
                  </Text>
                  <View className="bs__right">
                    <Text className="muted">
                      {r.record ? `${r.record.average} 分（${r.record.inspections.length} 次）` : '未检查'}
                      {r.record ? ` · ${formatTime(r.record.updatedAt).slice(5, 10)}` : ''}
                    </Text>
                    <GateTag ok={r.baseScoreOk} />
                  </View>
                </View>
              ))}
            </View>
          )
        ) : null}
      </Status>
      <Popup show={editing !== null} position="bottom" round closeable onClose={() => setEditing(null)}>
        {editing ? (
          <RecordForm
            key={editing.householdId}
            row={editing}
            quarter={quarter}
            onDone={() => {
              setEditing(null);
              void rows.reload();
            }}
          />
        ) : null}
      </Popup>
    </View>
  );
}
