import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AssessmentLineView, AssessmentView } from '@domain/api/assessment';
import { AUTO_ITEM_LABELS, AUTO_ITEM_UNITS } from '@domain/grid/assessmentWeights';
import { ASSESSMENT_ACTION_LABELS, ASSESSMENT_STATUS_LABELS, MANUAL_CATEGORIES, MANUAL_CATEGORY_LABELS, type ManualCategory } from '@domain/grid/assessment';
import type { AssessmentRow } from '@domain/grid/assessmentLedger';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { queryParam } from '../../utils/params';
import { formatTime, signedPoints } from '../../utils/format';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import MonthSwitch, { lastMonth, monthLabel } from './monthSwitch';
import './index.scss';

const CATEGORY_OPTIONS = MANUAL_CATEGORIES.map((c) => ({ value: c, label: MANUAL_CATEGORY_LABELS[c] }));

/** One worker: total, the computed items (count × weight), manual items and corrections. */
function LineCard({ line, onRemove }: { line: AssessmentLineView; onRemove?: (itemId: string) => void }) {
  return (
    <View className="card">
      <View className="card__row">
        <Text className="card__title">{line.workerName}</Text>
        <Text className="asm-line__total">{line.total} 分</Text>
      </View>
      {line.items.map((i) => (
        <View key={i.item} className="asm-item">
          <Text>
            {AUTO_ITEM_LABELS[i.item]} {i.count} {AUTO_ITEM_UNITS[i.item]} × {i.weight}
          </Text>
          <Text className={i.points < 0 ? 'points--minus' : 'points--plus'}>{signedPoints(i.points)}</Text>
        </View>
      ))}
      {line.manualItems.map((m) => (
        <View key={m.id} className="asm-manual">
          <View className="card__row">
            <Text>
              {MANUAL_CATEGORY_LABELS[m.category]} {signedPoints(m.points)}
            </Text>
            {onRemove ? (
              <Text className="asm-manual__remove" onClick={() => onRemove(m.id)}>
                撤回
              </Text>
            ) : null}
          </View>
          <View className="muted">{m.reason}</View>
        </View>
      ))}
      {line.corrections.map((c) => (
        <View key={c.id} className="asm-manual">
          <Text>
            更正 {signedPoints(c.points)} · {c.byName} · {formatTime(c.at)}
          </Text>
          <View className="muted">{c.reason}</View>
        </View>
      ))}
    </View>
  );
}

/** 加减分 (draft) or 更正 (published): worker, points, reason. */
function ItemForm({ view, mode, onDone }: { view: AssessmentView; mode: 'item' | 'correction'; onDone: (v: AssessmentView) => void }) {
  const [workerId, setWorkerId] = useState<string | null>(view.lines[0]?.workerId ?? null);
  const [category, setCategory] = useState<ManualCategory>('commendation');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const requestId = useRef(newRequestId());

  const save = async () => {
    if (saving) return;
    if (!workerId) return toast('请选择网格员');
    if (!/^-?\d{1,4}$/.test(points.trim()) || Number(points) === 0) return toast('请填写非零整数分值');
    if (reason.trim().length < 2) return toast('请填写理由');
    let n = Number(points.trim());
    // 表彰 adds and 投诉/处分 deduct whatever sign was typed; 其他 and corrections keep the sign.
    if (mode === 'item' && category === 'commendation') n = Math.abs(n);
    if (mode === 'item' && (category === 'complaint' || category === 'discipline')) n = -Math.abs(n);
    setSaving(true);
    try {
      const base = { requestId: requestId.current, gridId: view.gridId, month: view.month, workerId, points: n, reason: reason.trim() };
      const v = mode === 'item' ? await call('assessment', 'addManualItem', { ...base, category }) : await call('assessment', 'correct', base);
      toastSuccess(mode === 'item' ? '已添加' : '已更正');
      requestId.current = newRequestId();
      setPoints('');
      setReason('');
      onDone(v);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View>
      <View className="section-title">{mode === 'item' ? '加减分（表彰、投诉、处分等）' : '更正（已发布，追加记录）'}</View>
      {view.lines.length > 1 ? <Segmented options={view.lines.map((l) => ({ value: l.workerId, label: l.workerName }))} value={workerId} onChange={setWorkerId} /> : null}
      {mode === 'item' ? <Segmented options={CATEGORY_OPTIONS} value={category} onChange={(c) => setCategory(c as ManualCategory)} /> : null}
      <CellGroup inset>
        <Field label="分值" value={points} placeholder={mode === 'item' && category !== 'other' ? '例如 5' : '加分填正数，扣分填负数'} required onChange={setPoints} />
        <Field label="理由" value={reason} placeholder="必填，2–200 字" maxlength={200} required onChange={setReason} />
      </CellGroup>
      <View className="actions">
        <Button type={mode === 'item' ? 'primary' : 'warning'} block round loading={saving} disabled={saving} onClick={() => void save()}>
          {mode === 'item' ? '添加' : '提交更正'}
        </Button>
      </View>
    </View>
  );
}

/** 网格长: the month's figures per worker, manual items, publish, corrections. */
function LeaderView({ grids }: { grids: { id: string; name: string }[] }) {
  const [gridId, setGridId] = useState(grids[0].id);
  const [month, setMonth] = useState(lastMonth());
  const remote = useRemote(() => call('assessment', 'compute', { gridId, month }), { deps: [gridId, month], pullDown: true });
  const [view, setView] = useState<AssessmentView | null>(null);
  useEffect(() => setView(remote.data), [remote.data]);

  const remove = async (itemId: string) => {
    try {
      setView(await call('assessment', 'removeManualItem', { gridId, month, itemId }));
      toastSuccess('已撤回');
    } catch (e) {
      showError(e);
    }
  };
  const publish = async () => {
    const { confirm } = await Taro.showModal({ title: '发布评定', content: `发布后${monthLabel(month)}的得分即固定，只能追加更正。确定发布？` });
    if (!confirm) return;
    try {
      setView(await call('assessment', 'publish', { gridId, month }));
      toastSuccess('已发布');
    } catch (e) {
      showError(e);
    }
  };

  const v = view;
  const draft = v !== null && v.status !== 'published';
  return (
    <View>
      {grids.length > 1 ? <Segmented options={grids.map((g) => ({ value: g.id, label: g.name }))} value={gridId} onChange={setGridId} /> : null}
      <MonthSwitch month={month} onChange={setMonth} />
      <Status loading={remote.loading} error={remote.error} hasData={!!v} onRetry={() => void remote.reload()}>
        {v ? (
          <View>
            <View className="card">
              <View className="card__row">
                <Text className="card__title">{v.gridName}</Text>
                <Tag type={v.status === 'published' ? 'success' : 'primary'} plain>
                  {ASSESSMENT_STATUS_LABELS[v.status]}
                </Tag>
              </View>
              <View className="muted">
                {v.householdCount} 户 · {v.lines.length} 名网格员
                {v.status === 'published' && v.publishedAt ? ` · 发布于 ${formatTime(v.publishedAt)}` : draft ? ' · 得分按截至目前的巡查、走访、事件记录计算' : ''}
              </View>
            </View>
            {v.lines.length === 0 ? <Empty description="本网格没有需要评定的网格员" /> : v.lines.map((l) => <LineCard key={l.workerId} line={l} onRemove={draft ? (id) => void remove(id) : undefined} />)}
            {v.lines.length > 0 && draft ? <ItemForm key={`${gridId}-${month}-item`} view={v} mode="item" onDone={setView} /> : null}
            {draft && v.lines.length > 0 ? (
              <View className="actions">
                <Button type="primary" block round disabled={!v.monthEnded} onClick={() => void publish()}>
                  {v.monthEnded ? '发布本月评定' : '月底后才能发布'}
                </Button>
              </View>
            ) : null}
            {v.status === 'published' && v.lines.length > 0 ? <ItemForm key={`${gridId}-${month}-fix`} view={v} mode="correction" onDone={setView} /> : null}
            {v.history.length > 0 ? (
              <View>
                <View className="section-title">记录</View>
                <View className="card">
                  {v.history.map((x, i) => (
                    <View key={i} className="asm-history">
                      <Text>
                        {formatTime(x.at)} {x.actorName} {ASSESSMENT_ACTION_LABELS[x.action]}
                      </Text>
                      {x.note ? <View className="muted">{x.note}</View> : null}
                    </View>
                  ))}
                </View>
              </View>
            ) : null}
          </View>
        ) : null}
      </Status>
    </View>
  );
}

function MineRow({ row }: { row: AssessmentRow }) {
  return (
    <View className="card">
      <View className="card__row">
        <Text className="card__title">
          {monthLabel(row.month)} · {row.gridName}
        </Text>
        <Text className="asm-line__total">{row.total} 分</Text>
      </View>
      {(Object.keys(row.counts) as (keyof typeof row.counts)[]).map((k) => (
        <View key={k} className="asm-item">
          <Text>{AUTO_ITEM_LABELS[k]}</Text>
          <Text>
            {row.counts[k]} {AUTO_ITEM_UNITS[k]}
          </Text>
        </View>
      ))}
      <View className="muted">
        计算得分 {row.autoPoints} · 加减分 {signedPoints(row.manualPoints)} · 更正 {signedPoints(row.correctionPoints)}
      </View>
    </View>
  );
}

/** 网格员: my published results. */
function MineView() {
  // Mounted once whoami has answered (after the page's didShow): load on mount.
  const mine = useRemote(() => call('assessment', 'mine', {}), { pullDown: true });
  return (
    <Status loading={mine.loading} error={mine.error} hasData={!!mine.data} onRetry={() => void mine.reload()}>
      {mine.data ? (
        mine.data.rows.length === 0 ? (
          <Empty description="还没有发布的积分评定" />
        ) : (
          <View>
            {mine.data.rows.map((r) => (
              <MineRow key={r._id} row={r} />
            ))}
          </View>
        )
      ) : null}
    </Status>
  );
}

/** 网格员积分评定: the grid leader's monthly assessment; ?view=mine: a worker's own results. */
export default function AssessmentPage() {
  const { params } = useRouter();
  const mineOnly = queryParam(params, 'view') === 'mine';
  const me = useRemote(() => call('identity', 'whoami', {}));
  const led = me.data ? me.data.roles.filter((r) => r.role === 'grid_leader').map((r) => ({ id: r.scopeId, name: me.data?.grids.find((g) => g.id === r.scopeId)?.name ?? r.scopeId })) : [];
  useEffect(() => {
    if (mineOnly) void Taro.setNavigationBarTitle({ title: '我的积分评定' }).catch(() => undefined);
  }, [mineOnly]);
  return (
    <View className="page">
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {me.data ? mineOnly || led.length === 0 ? <MineView /> : <LeaderView grids={led} /> : null}
      </Status>
    </View>
  );
}
