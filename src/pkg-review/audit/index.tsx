import { useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuditItemView, MonthSummary, MonthView } from '@domain/api/audit';
import { DECISION_LABELS, MONTH_HISTORY_LABELS, MONTH_STATUS_LABELS, type AuditDecision } from '@domain/audit/types';
import { historyLabelOf, sourceLabelOf } from '@domain/points/application';
import { addMonths } from '@domain/audit/month';
import { monthOf } from '@domain/shared/time';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { formatTime, signedPoints, today } from '../../utils/format';
import VillagePicker from '../../components/village-picker';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Popup from '../../components/vant/popup';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import { StatusTag } from '../../components/application-card';
import { PhotoGrid } from '../../components/photos';
import { useSubscribeAsk } from '../../hooks/useSubscribeAsk';
import { queryParam } from '../../utils/params';
import { route } from '../../constants/routes';
import { auditShareCard, NOT_A_SIGNER_MESSAGE, sharedAuditQuery } from '@domain/notices/share';
import ShareToGroup, { useBindThenBack } from '../../components/share-to-group';
import { usePullToReload } from '../../hooks/usePullToReload';
import './index.scss';

type Action = { kind: 'sign'; decision: AuditDecision } | { kind: 'freeze' } | { kind: 'unfreeze' };

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** The month's status, late badge, deadline and counts. */
function MonthHeader({ s, quorum }: { s: MonthSummary; quorum: number }) {
  return (
    <View className="card">
      <View className="card__row">
        <View className="card__title">
          {s.villageName} · {monthLabel(s.month)}
        </View>
        <View className="audit__tags">
          <Tag type={s.status === 'closed' ? 'success' : 'primary'}>{MONTH_STATUS_LABELS[s.status]}</Tag>
          {s.late ? (
            <View className="audit__late">
              <Tag type="danger">逾期</Tag>
            </View>
          ) : null}
        </View>
      </View>
      <View className="muted">
        应于 {s.closeBy} 前结账 · {quorum} 人一致即生效
      </View>
      {s.status === 'closed' ? (
        <View className="muted">
          {s.closedByName} 于 {s.closedAt ? formatTime(s.closedAt) : ''} 结账：{s.postedHouseholds} 户，合计 {signedPoints(s.postedPoints)} 分进入待公示
        </View>
      ) : (
        <View className="muted">
          待评议 {s.undecided} 件{s.frozen > 0 ? `，其中冻结 ${s.frozen} 件` : ''}
        </View>
      )}
    </View>
  );
}

/** One application: what, whose, photos, each reviewer's signature, freeze, history and my actions. */
function Item({ item, onAction }: { item: AuditItemView; onAction: (item: AuditItemView, a: Action) => void }) {
  const [open, setOpen] = useState(false);
  const audit = item.audit;
  const effective = audit?.points ?? null;
  return (
    <View className="card audit__item">
      <View className="card__row">
        <View className="card__title">{item.itemName}</View>
        <StatusTag status={item.status} />
      </View>
      <View className="muted">
        {item.householdName}（{item.doorNo}） · {item.deedDate} · {signedPoints(item.points)} 分
        {effective !== null && effective !== item.points ? ` → ${signedPoints(effective)} 分` : ''}
      </View>
      <View className="muted audit__source">
        来源：{sourceLabelOf(item)}（{item.submittedByName}）{item.memberName ? ` · 是${item.memberName}做的` : ''}
      </View>
      <View className="audit__desc">{item.description}</View>
      <PhotoGrid photos={item.photos} />
      {audit?.frozen ? (
        <View className="audit__frozen">
          已冻结 · {audit.frozen.byName}：{audit.frozen.reason}
        </View>
      ) : null}
      <View className="audit__signatures">
        {(audit?.signatures ?? []).length === 0 ? <Text className="muted">尚无签字</Text> : null}
        {(audit?.signatures ?? []).map((s) => (
          <View key={s.reviewerId} className="audit__signature">
            <Text>{s.reviewerName}</Text>
            <Text className={s.decision === 'approve' ? 'points--plus' : s.decision === 'adjust' ? '' : 'points--minus'}>
              {s.decision === 'adjust' ? `调整为 ${s.points} 分` : DECISION_LABELS[s.decision]}
            </Text>
            {s.reason ? <Text className="muted"> · {s.reason}</Text> : null}
          </View>
        ))}
      </View>
      <View className="link audit__toggle" onClick={() => setOpen(!open)}>
        {open ? '收起办理记录' : `办理记录（${item.history.length}）`}
      </View>
      {open ? (
        <View className="audit__history">
          {item.history.map((h, i) => (
            <View key={i} className="muted">
              {formatTime(h.at)} {historyLabelOf(item, h.action)} · {h.actorName}
              {h.note ? ` · ${h.note}` : ''}
            </View>
          ))}
        </View>
      ) : null}
      {item.canSign ? (
        <View className="audit__actions">
          {item.mySignature ? <View className="muted">我已签“{DECISION_LABELS[item.mySignature.decision]}”，生效前可更改</View> : null}
          <View className="audit__buttons">
            <Button size="small" type="primary" onClick={() => onAction(item, { kind: 'sign', decision: 'approve' })}>
              通过
            </Button>
            <Button size="small" onClick={() => onAction(item, { kind: 'sign', decision: 'adjust' })}>
              调整分值
            </Button>
            <Button size="small" type="warning" onClick={() => onAction(item, { kind: 'sign', decision: 'reject' })}>
              不通过
            </Button>
            <Button size="small" type="danger" plain onClick={() => onAction(item, { kind: 'sign', decision: 'fraud' })}>
              认定虚假
            </Button>
          </View>
        </View>
      ) : null}
      {item.canFreeze ? (
        <View className="audit__buttons">
          <Button size="small" type="danger" plain onClick={() => onAction(item, { kind: 'freeze' })}>
            冻结
          </Button>
        </View>
      ) : null}
      {item.canUnfreeze ? (
        <View className="audit__buttons">
          <Button size="small" type="primary" plain onClick={() => onAction(item, { kind: 'unfreeze' })}>
            解冻
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** The reason (and, for an adjustment, the points) of one signature, freeze or unfreeze. */
function ActionForm({ item, action, onDone }: { item: AuditItemView; action: Action; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [points, setPoints] = useState('');
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const askSubscribe = useSubscribeAsk('audit');
  const needsReason = action.kind === 'freeze' || (action.kind === 'sign' && action.decision !== 'approve');
  const title =
    action.kind === 'sign' ? `签字：${DECISION_LABELS[action.decision]}` : action.kind === 'freeze' ? '冻结该申报' : '解除冻结';
  const save = async () => {
    if (busy.current) return;
    if (needsReason && reason.trim().length < (action.kind === 'freeze' ? 2 : 1)) return toast('请填写理由');
    if (action.kind === 'sign' && action.decision === 'adjust' && !/^-?\d+$/.test(points.trim())) return toast('请填写调整后的分值（整数）');
    // In the tap itself, before any await: what next waits for my signature.
    if (action.kind === 'sign') askSubscribe();
    busy.current = true;
    setSaving(true);
    try {
      const why = reason.trim() ? { reason: reason.trim() } : {};
      if (action.kind === 'sign') {
        const r = await call('audit', 'sign', {
          applicationId: item._id,
          decision: action.decision,
          ...(action.decision === 'adjust' ? { points: Number(points.trim()) } : {}),
          ...why,
        });
        toastSuccess(r.status === 'first_reviewed' ? '已签字' : '评议已生效');
      } else if (action.kind === 'freeze') {
        await call('audit', 'freeze', { applicationId: item._id, reason: reason.trim() });
        toastSuccess('已冻结');
      } else {
        await call('audit', 'unfreeze', { applicationId: item._id, ...why });
        toastSuccess('已解冻');
      }
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <View className="audit__form">
      <View className="section-title">{title}</View>
      <View className="muted audit__form-what">
        {item.itemName} · {item.householdName}（{item.doorNo}） · {signedPoints(item.points)} 分
      </View>
      <CellGroup inset>
        {action.kind === 'sign' && action.decision === 'adjust' ? (
          <Field label="调整为（分）" type="number" value={points} placeholder={`1～${Math.abs(item.points) - 1}`} required onChange={setPoints} />
        ) : null}
        <Field label={needsReason ? '理由' : '说明'} type="textarea" value={reason} placeholder={needsReason ? '必填' : '选填'} maxlength={200} autosize required={needsReason} onChange={setReason} />
      </CellGroup>
      {action.kind === 'sign' && action.decision === 'fraud' ? <View className="muted audit__form-what">认定虚假将按该项目分值双倍扣分（{signedPoints(-2 * Math.abs(item.points))} 分）。</View> : null}
      <View className="actions">
        <Button type={action.kind === 'sign' && action.decision === 'approve' ? 'primary' : 'danger'} block round loading={saving} disabled={saving} onClick={() => void save()}>
          确认
        </Button>
      </View>
    </View>
  );
}

/** Every month at a glance, late ones flagged (village and town). */
function MonthsOverview({ items, onPick }: { items: MonthSummary[]; onPick: (s: MonthSummary) => void }) {
  if (items.length === 0) return null;
  return (
    <View>
      <View className="section-title">各月评议</View>
      <View className="card">
        {items.map((m) => (
          <View key={m._id} className="card__row audit__month-row" onClick={() => onPick(m)}>
            <Text>
              {m.villageName} {monthLabel(m.month)}
            </Text>
            <View className="audit__tags">
              <Text className="muted">{m.status === 'closed' ? `${m.postedHouseholds} 户 ${signedPoints(m.postedPoints)} 分` : `待评议 ${m.undecided}`}</Text>
              <Tag type={m.status === 'closed' ? 'success' : 'primary'} plain>
                {MONTH_STATUS_LABELS[m.status]}
              </Tag>
              {m.late ? <Tag type="danger">逾期</Tag> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

/**
 * 月度评议 (一月一审核): the committee signs each application of the month, supervisors may
 * freeze, the leader closes the month into the ledger (pending publicity). Town admin: ?villageId=.
 */
export default function AuditPage() {
  const thisMonth = monthOf(today());
  // A card shared to the committee's WeChat group opens exactly its village and month.
  const { params } = useRouter();
  const shared = sharedAuditQuery({ villageId: queryParam(params, 'villageId'), month: queryParam(params, 'month') });
  const [month, setMonth] = useState(shared.month ?? thisMonth);
  const [villageId, setVillageId] = useState<string | undefined>(shared.villageId);
  const [extra, setExtra] = useState<AuditItemView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [acting, setActing] = useState<{ item: AuditItemView; action: Action } | null>(null);
  const [closing, setClosing] = useState(false);
  const view = useRemote<MonthView>(
    async () => {
      const v = await call('audit', 'month', { month, ...(villageId ? { villageId } : {}) });
      setExtra([]);
      setNext(v.nextAfterId);
      return v;
    },
    { auto: false, deps: [month, villageId] },
  );
  const months = useRemote(() => call('audit', 'months', {}), { auto: false });
  useLoadOnShow(() => {
    void view.reload();
    void months.reload();
  });
  usePullToReload(() => Promise.all([view.reload(), months.reload()]));

  useShareAppMessage(() => (view.data ? auditShareCard(view.data.summary) : { title: '月度评议', path: route('audit') }));
  // Opened from a card by a WeChat user bound to nobody: bind first, then back to this month.
  useBindThenBack(view.errorCode, route('audit', { ...shared, month }));
  // Anyone else a card reached: what it is, in one line (the server said no; nothing was shown or signed).
  const notASigner = view.errorCode === 'FORBIDDEN' || (view.errorCode === 'NOT_FOUND' && !!shared.villageId);

  const monthOptions = [...new Set([month, thisMonth, addMonths(thisMonth, -1), addMonths(thisMonth, -2), ...(months.data?.items ?? []).filter((m) => m.status !== 'closed').map((m) => m.month)])]
    .sort()
    .reverse()
    .map((m) => ({ value: m, label: monthLabel(m) }));

  const more = async () => {
    if (!next) return;
    try {
      const v = await call('audit', 'month', { month, afterId: next, ...(villageId ? { villageId } : {}) });
      setExtra((x) => [...x, ...v.items]);
      setNext(v.nextAfterId);
    } catch (e) {
      showError(e);
    }
  };

  const close = async () => {
    const ok = await Taro.showModal({ title: '结账', content: `结账后 ${monthLabel(month)} 的评议结果按户计入待公示积分，不能再更改。确定结账？` });
    if (!ok.confirm) return;
    setClosing(true);
    try {
      let r = await call('audit', 'close', { month });
      // A big village closes over several calls: each one continues where the last stopped.
      for (let i = 0; r.summary.status === 'closing' && i < 100; i++) {
        toast('结账中，请稍候…');
        r = await call('audit', 'close', { month });
      }
      if (r.summary.status !== 'closed') toast('结账尚未完成，请稍后再点结账继续');
      else toastSuccess(r.summary.late ? '已结账（逾期）' : '已结账');
      await Promise.all([view.reload(), months.reload()]);
    } catch (e) {
      showError(e);
    } finally {
      setClosing(false);
    }
  };

  const data = view.data;
  const items = data ? [...data.items, ...extra] : [];
  return (
    <View className="audit">
      <VillagePicker value={villageId} onChange={setVillageId} />
      <Segmented options={monthOptions} value={month} onChange={setMonth} />
      <Status loading={view.loading} error={notASigner ? NOT_A_SIGNER_MESSAGE : view.error} hasData={!!data} onRetry={notASigner ? undefined : () => void view.reload()}>
        {data ? (
          <View>
            <MonthHeader s={data.summary} quorum={data.quorum} />
            <ShareToGroup card={auditShareCard(data.summary)} label="发到评议群" />
            {data.role.leader && data.summary.status !== 'closed' ? (
              <View className="actions">
                <Button type="primary" block round loading={closing} disabled={!data.canClose || closing} onClick={() => void close()}>
                  {data.canClose ? '结账：评议结果计入待公示积分' : data.summary.undecided > 0 ? `还有 ${data.summary.undecided} 件待评议，暂不能结账` : '本月结束后才能结账'}
                </Button>
              </View>
            ) : null}
            {!data.role.reviewer && data.role.supervisor ? <View className="muted audit__hint">监督小组：可查看全部评议，可冻结未生效的评议。</View> : null}
            <View className="section-title">申报（{items.length}{next ? '+' : ''}）</View>
            {items.length === 0 ? <Empty description="本月没有待评议的申报" /> : null}
            {items.map((item) => (
              <Item key={item._id} item={item} onAction={(it, action) => setActing({ item: it, action })} />
            ))}
            {next ? (
              <View className="actions">
                <Button block round plain onClick={() => void more()}>
                  加载更多
                </Button>
              </View>
            ) : null}
            {data.history.length > 0 ? (
              <View>
                <View className="section-title">本月记录</View>
                <View className="card">
                  {data.history.map((h, i) => (
                    <View key={i} className="muted">
                      {formatTime(h.at)} {MONTH_HISTORY_LABELS[h.action]} · {h.actorName}
                      {h.note ? ` · ${h.note}` : ''}
                    </View>
                  ))}
                </View>
              </View>
            ) : null}
          </View>
        ) : null}
      </Status>
      <MonthsOverview
        items={months.data?.items ?? []}
        onPick={(m) => {
          setMonth(m.month);
          setVillageId(m.villageId);
        }}
      />
      <Popup show={acting !== null} position="bottom" round closeable onClose={() => setActing(null)}>
        {acting ? (
          <ActionForm
            key={`${acting.item._id}-${acting.action.kind}`}
            item={acting.item}
            action={acting.action}
            onDone={() => {
              setActing(null);
              void view.reload();
              void months.reload();
            }}
          />
        ) : null}
      </Popup>
    </View>
  );
}
