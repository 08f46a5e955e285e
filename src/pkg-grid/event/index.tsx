import { useState, type ReactNode } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  EVENT_ACTION_LABELS,
  EVENT_CATEGORY_LABELS,
  SATISFACTION_LABELS,
  type Satisfaction,
} from '@domain/grid/records';
import type { EventStep } from '@domain/grid/eventPolicy';
import type { EventView, HandlerCandidate } from '@domain/api/events';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { queryParam } from '../../utils/params';
import { formatTime } from '../../utils/format';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Steps from '../../components/vant/steps';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import Segmented from '../../components/segmented';
import { PhotoGrid } from '../../components/photos';
import { stateText } from '../events/labels';
import './index.scss';

const MODE_LABELS = { self: '自巡自办', separate: '巡办分离' } as const;

function StepBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="card event__step">
      <View className="event__step-title">{title}</View>
      {children}
    </View>
  );
}

/** The steps this viewer may take now: the server asks eventPolicy (four eyes included), so no button here is one it would refuse. */
function StepActions({ e, onDone }: { e: EventView; onDone: (next: EventView) => void }) {
  const [text, setText] = useState<Partial<Record<EventStep, string>>>({});
  const [handlers, setHandlers] = useState<HandlerCandidate[] | null>(null);
  const [handlerId, setHandlerId] = useState<string | null>(null);
  const [rating, setRating] = useState<Satisfaction | null>(null);
  const [busy, setBusy] = useState(false);
  const t = (s: EventStep) => (text[s] ?? '').trim();
  const set = (s: EventStep) => (v: string) => setText({ ...text, [s]: v });

  const run = async (fn: () => Promise<EventView>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      const next = await fn();
      setText({});
      toastSuccess(done);
      onDone(next);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const loadHandlers = async () => {
    try {
      setHandlers((await call('events', 'handlers', { eventId: e._id })).items);
    } catch (err) {
      showError(err);
    }
  };
  const id = e._id;
  const button = (label: string, onClick: () => void, type: 'primary' | 'warning' | 'danger' = 'primary') => (
    <View className="actions">
      <Button type={type} block round loading={busy} disabled={busy} onClick={onClick}>
        {label}
      </Button>
    </View>
  );

  return (
    <>
      {e.steps.includes('handle') ? (
        <StepBox title={e.status === 'dispatched' ? '登记处置情况' : '自己处置（自巡自办）'}>
          <Field label="处置情况" type="textarea" value={text.handle ?? ''} placeholder="做了什么、结果如何" maxlength={500} autosize required onChange={set('handle')} />
          {button('登记处置', () => (t('handle').length < 2 ? toast('请填写处置情况') : void run(() => call('events', 'handle', { eventId: id, handling: t('handle') }), '已登记处置')))}
        </StepBox>
      ) : null}
      {e.steps.includes('close') ? (
        <StepBox title="核验办结（对照办结标准）">
          <Field label="办结说明" type="textarea" value={text.close ?? ''} placeholder="核验结果：是否达到办结标准" maxlength={200} autosize required onChange={set('close')} />
          {button('核验办结', () => (t('close').length < 2 ? toast('请填写办结说明') : void run(() => call('events', 'close', { eventId: id, closingNote: t('close') }), '已办结')))}
        </StepBox>
      ) : null}
      {e.steps.includes('dispatch') ? (
        <StepBox title="派单">
          {handlers === null ? (
            <Button size="small" round plain onClick={() => void loadHandlers()}>
              选择接单人
            </Button>
          ) : (
            <Segmented options={handlers.map((x) => ({ value: x.id, label: `${x.name} · ${x.title}` }))} value={handlerId} onChange={setHandlerId} />
          )}
          <Field label="派单说明" value={text.dispatch ?? ''} placeholder="可不填" maxlength={200} onChange={set('dispatch')} />
          {button('派单', () => (!handlerId ? toast('请选择接单人') : void run(() => call('events', 'dispatch', { eventId: id, handlerId, ...(t('dispatch') ? { note: t('dispatch') } : {}) }), '已派单')))}
        </StepBox>
      ) : null}
      {e.steps.includes('escalate') ? (
        <StepBox title={e.level === 'grid' ? '本网格办不了：上报村' : '本村办不了：上报镇'}>
          <Field label="上报原因" type="textarea" value={text.escalate ?? ''} placeholder="为什么需要上级处理" maxlength={200} autosize required onChange={set('escalate')} />
          {button('上报上级', () => (t('escalate').length < 2 ? toast('请填写上报原因') : void run(() => call('events', 'escalate', { eventId: id, note: t('escalate') }), '已上报')), 'warning')}
        </StepBox>
      ) : null}
      {e.steps.includes('followUp') ? (
        <StepBox title="回访：对处理结果满意吗？（网格员可代报告人记录）">
          <Segmented options={(['satisfied', 'basic', 'unsatisfied'] as const).map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} value={rating} onChange={(v) => setRating(v as Satisfaction)} />
          <Field label="意见" value={text.followUp ?? ''} placeholder={rating === 'unsatisfied' ? '请说明哪里不满意' : '可不填'} maxlength={200} onChange={set('followUp')} />
          {button('提交回访', () =>
            !rating
              ? toast('请选择满意度')
              : rating === 'unsatisfied' && !t('followUp')
                ? toast('不满意时请说明原因')
                : void run(() => call('events', 'followUp', { eventId: id, satisfaction: rating, ...(t('followUp') ? { comment: t('followUp') } : {}) }), '回访已记录'),
          )}
        </StepBox>
      ) : null}
      {e.steps.includes('reopen') ? (
        <StepBox title="重新办理">
          <Field label="原因" value={text.reopen ?? ''} placeholder="为什么需要重新办理" maxlength={200} onChange={set('reopen')} />
          {button('重新办理', () => (t('reopen').length < 2 ? toast('请填写重新办理的原因') : void run(() => call('events', 'reopen', { eventId: id, reason: t('reopen') }), '已重新打开')), 'danger')}
        </StepBox>
      ) : null}
    </>
  );
}

/** 事件详情: what, where, photos, where it stands, its whole history, and what the viewer may do. */
export default function EventPage() {
  const { params } = useRouter();
  const id = queryParam(params, 'id');
  const remote = useRemote(() => call('events', 'get', { eventId: id }));
  const [fresh, setFresh] = useState<EventView | null>(null);
  const e = fresh ?? remote.data;
  const history = (e?.history ?? []).map((x) => ({
    text: `${EVENT_ACTION_LABELS[x.action]} · ${x.actorName}`,
    desc: [formatTime(x.at), x.note].filter(Boolean).join(' · '),
  }));
  return (
    <View className="page event">
      <Status loading={remote.loading} error={remote.error} hasData={!!e} onRetry={() => void remote.reload()}>
        {e ? (
          <>
            <View className="card">
              <View className="card__row">
                <View className="card__title">{EVENT_CATEGORY_LABELS[e.category]}</View>
                <View className="tags">
                  {e.overdue ? (
                    <View className="tags__item">
                      <Tag type="danger">超期</Tag>
                    </View>
                  ) : null}
                  <View className="tags__item">
                    <Tag type={e.status === 'closed' ? 'success' : 'primary'}>{stateText(e.level, e.status)}</Tag>
                  </View>
                </View>
              </View>
              <View className="event-card__desc">{e.description}</View>
            </View>
            <CellGroup inset>
              <Cell title="地点" value={e.place} />
              <Cell title="网格" value={e.gridName} />
              <Cell title="报告人" value={e.reporterName} />
              <Cell title="报告时间" value={formatTime(e.createdAt)} />
              <Cell title="办理方式" value={MODE_LABELS[e.mode]} />
              {e.status !== 'closed' ? <Cell title="办结时限" value={formatTime(e.deadlineAt)} /> : null}
              {e.handlerName ? <Cell title="处置人" value={e.handlerName} /> : null}
              {e.handling ? <Cell title="处置情况" label={e.handling} /> : null}
              {e.closedAt ? <Cell title="办结时间" value={formatTime(e.closedAt)} /> : null}
              {e.followUp ? <Cell title="回访" value={SATISFACTION_LABELS[e.followUp.satisfaction]} label={e.followUp.comment ?? ''} /> : null}
            </CellGroup>
            {e.photos.length > 0 ? (
              <>
                <View className="section-title">照片</View>
                <View className="card">
                  <PhotoGrid photos={e.photos} />
                </View>
              </>
            ) : null}
            {e.steps.length > 0 ? <View className="section-title">办理</View> : null}
            <StepActions e={e} onDone={setFresh} />
            <View className="section-title">办理记录</View>
            <View className="card">
              <Steps steps={history} active={history.length - 1} direction="vertical" />
            </View>
          </>
        ) : null}
      </Status>
    </View>
  );
}
