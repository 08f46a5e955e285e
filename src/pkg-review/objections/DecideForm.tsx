import { useState } from 'react';
import { View } from '@tarojs/components';
import type { ObjectionView } from '@domain/api/publicity';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import Segmented from '../../components/segmented';
import Field from '../../components/vant/field';
import Button from '../../components/vant/button';

const OUTCOMES = [
  { value: 'uphold', label: '异议成立，更正积分' },
  { value: 'dismiss', label: '异议不成立' },
] as const;

/**
 * A reviewer or supervisor signs a decision. With a proposal on the table from the other
 * committee, the form starts from it: signing the same makes it final.
 */
export default function DecideForm({ o, onDone }: { o: ObjectionView; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'uphold' | 'dismiss'>(o.decision?.outcome ?? 'uphold');
  const [points, setPoints] = useState(o.decision && o.decision.outcome === 'uphold' ? String(o.decision.points) : '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const n = Number(points);
    if (outcome === 'uphold' && (!Number.isInteger(n) || n === 0)) return toast('请填写更正的积分（可为负数）');
    if (reason.trim().length < 2) return toast('请填写处理理由');
    setBusy(true);
    try {
      const r = await call('publicity', 'decideObjection', { objectionId: o._id, outcome, reason: reason.trim(), ...(outcome === 'uphold' ? { points: n } : {}) });
      toastSuccess(r.status === 'proposed' ? '已签署，待另一小组会签' : '已会签，处理完成');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Segmented options={OUTCOMES} value={outcome} onChange={(v) => setOutcome(v as 'uphold' | 'dismiss')} />
      {outcome === 'uphold' ? <Field label="更正积分" type="number" value={points} placeholder="如 5 或 -5" onChange={setPoints} /> : null}
      <Field label="处理理由" type="textarea" value={reason} maxlength={500} autosize required onChange={setReason} />
      <View className="objection__actions">
        <View className="objection__action">
          <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void submit()}>
            {o.status === 'proposed' ? '会签' : '签署处理意见'}
          </Button>
        </View>
      </View>
    </View>
  );
}
