import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { honoursText } from '@domain/ranking/annual';
import { RANKING_ANSWER_OUTCOME_LABELS, RANKING_OBJECTION_TOPIC_LABELS, type RankingAnswerOutcome, type RankingObjectionTopic } from '@domain/ranking/types';
import { isUnanswered } from '@domain/ranking/policy';
import type { RankingObjectionView, RankingView } from '@domain/api/ranking';
import { call } from '../../services/api';
import { newRequestId } from '../../services/requestId';
import { toast, toastSuccess } from '../../services/feedback';
import { useSave } from '../../hooks/useSave';
import Field from '../../components/vant/field';
import Button from '../../components/vant/button';
import Tag from '../../components/vant/tag';

interface Choice {
  key: string;
  topic: RankingObjectionTopic;
  householdId: string;
  label: string;
}

/** What a villager may object to: a household honoured, one black-listed, or their own household. */
function choicesOf(r: RankingView, myHousehold: string | null): Choice[] {
  // The villager's own household is the last choice, in its own words.
  const out: Choice[] = r.lines
    .filter((l) => l.householdId !== myHousehold)
    .map((l) => ({ key: `h-${l.householdId}`, topic: 'honoured', householdId: l.householdId, label: `${l.name}（${l.doorNo}）${honoursText(l)}` }));
  for (const b of r.black) out.push({ key: `b-${b.householdId}`, topic: 'black', householdId: b.householdId, label: `${b.name}（${b.doorNo}）不参评` });
  if (myHousehold) out.push({ key: 'own', topic: 'own', householdId: myHousehold, label: r.myLine ? `本户星级或荣誉不对（现为${honoursText(r.myLine)}）` : '本户没有获评' });
  return out;
}

/**
 * 异议 in the 公示期: the villager picks the line (a household honoured or not taking part, or
 * their own household) and writes why. One requestId per objection: a retried tap is the same.
 */
export function ObjectForm({ r, year, villageId, myHousehold, onDone }: { r: RankingView; year: number; villageId?: string; myHousehold: string | null; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Choice | null>(null);
  const [reason, setReason] = useState('');
  const save = useSave();
  const requestId = useRef(newRequestId());
  if (!open) {
    return (
      <View className="rank__actions">
        <Button type="warning" block round onClick={() => setOpen(true)}>
          对评比结果提出异议
        </Button>
      </View>
    );
  }
  const submit = async () => {
    if (!picked) return toast('请选择对哪一条有异议');
    if (reason.trim().length < 2) return toast('请填写异议理由');
    const input = { requestId: requestId.current, year, topic: picked.topic, householdId: picked.householdId, reason: reason.trim(), ...(villageId ? { villageId } : {}) };
    const done = await save.run(() => call('ranking', 'object', input), { success: '异议已提交' });
    if (done) {
      requestId.current = newRequestId();
      setOpen(false);
      setPicked(null);
      setReason('');
      onDone();
    }
  };
  return (
    <View className="rank__card">
      <View className="rank__title">提出异议</View>
      <View className="rank__hint">点选对哪一条有异议：</View>
      {choicesOf(r, myHousehold).map((c) => (
        <View key={c.key} className={`rank__choice ${picked?.key === c.key ? 'rank__choice--on' : ''}`} onClick={() => setPicked(c)}>
          {c.label}
        </View>
      ))}
      <Field label="异议理由" type="textarea" value={reason} maxlength={500} autosize required placeholder="请写明哪里不对、为什么" onChange={setReason} />
      <View className="rank__hint">评议小组核实后答复；异议成立的，评比退回重新评议。</View>
      <Button type="primary" block round loading={save.busy} onClick={() => void submit()}>
        提交异议
      </Button>
    </View>
  );
}

/** What the member learns once their answer is in: proposed (a second member confirms) or the answer. */
function answeredToast(status: RankingObjectionView['status'] | undefined): string {
  if (status === 'upheld') return '异议成立，评比已退回重新评议';
  if (status === 'dismissed') return '已答复：异议不成立';
  return '答复已提出，待另一位评议小组成员确认';
}

/**
 * The committee's answer to one objection: upheld (back to draft) or not, with a reason. Two
 * members decide (four eyes): the first proposes, a second confirms by choosing the same.
 */
function AnswerForm({ o, year, villageId, onDone }: { o: RankingObjectionView; year: number; villageId?: string; onDone: () => void }) {
  // Confirming a proposal: its reason is the answer; the member may still write their own.
  const [reason, setReason] = useState(o.proposal?.reason ?? '');
  const save = useSave();
  const requestId = useRef(newRequestId());
  const answer = async (outcome: RankingAnswerOutcome) => {
    if (reason.trim().length < 2) return toast('请填写答复理由');
    const input = { requestId: requestId.current, year, objectionId: o.id, outcome, reason: reason.trim(), ...(villageId ? { villageId } : {}) };
    const view = await save.run(() => call('ranking', 'answer', input));
    if (view) {
      toastSuccess(answeredToast(view.objections.find((x) => x.id === o.id)?.status));
      requestId.current = newRequestId();
      onDone();
    }
  };
  return (
    <View>
      {o.proposal ? <View className="rank__hint">同意请点同一结论；点另一结论则改为您的答复，再由其他成员确认。</View> : null}
      <Field label="答复理由" type="textarea" value={reason} maxlength={500} autosize required placeholder="核实的情况和结论" onChange={setReason} />
      <View className="rank__buttons">
        <Button size="small" type="danger" plain loading={save.busy} onClick={() => void answer('uphold')}>
          异议成立，退回重新评议
        </Button>
        <Button size="small" type="primary" loading={save.busy} onClick={() => void answer('dismiss')}>
          异议不成立
        </Button>
      </View>
    </View>
  );
}

/**
 * The objections the caller may see (the function's: the committee every one with the objector,
 * a villager their own), where each stands, the answer; the answer form where the policy allows.
 */
export function ObjectionList({ r, year, villageId, committee, onDone }: { r: RankingView; year: number; villageId?: string; committee: boolean; onDone: () => void }) {
  if (r.objections.length === 0) return null;
  const open = r.objections.filter(isUnanswered).length;
  return (
    <View className="rank__card">
      <View className="rank__title">{committee ? `异议（${open} 条待答复）` : '我的异议'}</View>
      {r.objections.map((o) => (
        <View key={o.id} className="rank__objection">
          <View className="rank__row">
            <View>{o.lineLabel}</View>
            <Tag type={isUnanswered(o) ? 'warning' : o.status === 'upheld' ? 'danger' : 'success'} plain>
              {o.statusLabel}
            </Tag>
          </View>
          <View className="rank__hint">
            {RANKING_OBJECTION_TOPIC_LABELS[o.topic]}
            {committee ? `，${o.objectorName}提出` : ''}：{o.reason}
          </View>
          {o.proposal ? (
            <View className="rank__hint">
              {o.proposal.by.name}提出：{RANKING_ANSWER_OUTCOME_LABELS[o.proposal.outcome]}，{o.proposal.reason}
            </View>
          ) : null}
          {o.answer ? (
            <View className="rank__hint">
              答复（{o.answer.by.name}
              {o.answer.confirmedBy ? `提出，${o.answer.confirmedBy.name}确认` : ''}）：{o.answer.reason}
            </View>
          ) : null}
          {o.canAnswer ? <AnswerForm o={o} year={year} villageId={villageId} onDone={onDone} /> : null}
          {committee && isUnanswered(o) && !o.canAnswer ? <View className="rank__hint">{o.proposal ? '待另一位评议小组成员确认（提出人和本户相关、回避的不能确认）。' : '由其他评议小组成员答复（本户相关或回避的不能答复）。'}</View> : null}
        </View>
      ))}
    </View>
  );
}
