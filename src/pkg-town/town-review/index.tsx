import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { TownQueueRow } from '@domain/api/publicity';
import { NOT_A_SIGNER, sharedQuery, townReviewShareCard } from '@domain/notices/share';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import Button from '../../components/vant/button';
import Field from '../../components/vant/field';
import Tag from '../../components/vant/tag';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import ShareToGroup, { useBindThenBack } from '../../components/share-to-group';
import { queryParam } from '../../utils/params';
import './index.scss';

/** One village's quarter: look at the list, then approve (points become redeemable) or send back with a reason. */
function VillageRow({ row, onDone }: { row: TownQueueRow; onDone: () => void }) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'return') => {
    if (busy) return;
    if (decision === 'return' && reason.trim().length < 2) return toast('请填写退回原因');
    setBusy(true);
    try {
      let r = await call('publicity', 'townDecide', { villageId: row.villageId, quarter: row.quarter, decision, ...(decision === 'return' ? { reason: reason.trim() } : {}) });
      // A large village is moved over several calls (each works a few seconds): go on until done.
      for (let i = 0; r.status === 'approving' && i < 100; i++) {
        toast(`正在入账：已完成 ${r.progress ?? 0} 户`);
        r = await call('publicity', 'townDecide', { villageId: row.villageId, quarter: row.quarter, decision: 'approve' });
      }
      toastSuccess(decision === 'approve' ? '已通过，积分转为可兑换' : '已退回村里');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const open = row.status !== 'not_opened' && row.status !== 'opening';
  const canDecide = row.status === 'closed' || row.status === 'approving';
  return (
    <View className="town__card">
      <View className="town__head">
        <View>{row.villageName}</View>
        <Tag type={row.status === 'approved' ? 'success' : canDecide ? 'warning' : 'default'}>{row.statusLabel}</Tag>
      </View>
      {open ? (
        <View className="muted">
          公示期 {row.startDate} 至 {row.endDate} · {row.householdCount} 户 · 合计 {row.totalPoints} 分{row.openObjections ? ` · 待处理异议 ${row.openObjections} 条` : ''}
        </View>
      ) : null}
      {row.returnReason ? <View className="muted">上次退回：{row.returnReason}</View> : null}
      {returning ? <Field label="退回原因" type="textarea" value={reason} maxlength={500} autosize required onChange={setReason} /> : null}
      <View className="town__actions">
        {open ? (
          <View className="town__action">
            <Button block round onClick={() => void Taro.navigateTo({ url: route('publicity', { villageId: row.villageId, quarter: row.quarter }) })}>
              查看名单
            </Button>
          </View>
        ) : null}
        {canDecide ? (
          <View className="town__action">
            <Button type="default" block round disabled={busy} onClick={() => (returning ? void decide('return') : setReturning(true))}>
              {returning ? '确认退回' : '退回'}
            </Button>
          </View>
        ) : null}
        {canDecide ? (
          <View className="town__action">
            <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void decide('approve')}>
              {row.status === 'approving' ? '继续入账' : '复核通过'}
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  );
}

/**
 * 镇复核: every village of the town for the quarter just ended, with what the town may do. A card
 * shared to the town's group (?quarter=) opens that quarter; anyone but a town admin is told so;
 * an unbound WeChat user binds first.
 */
export default function TownReviewPage() {
  const { params } = useRouter();
  const shared = sharedQuery({ quarter: queryParam(params, 'quarter') });
  const [quarter, setQuarter] = useState(shared.quarter ?? '');
  const queue = useRemote(() => call('publicity', 'townQueue', /^\d{4}-Q[1-4]$/.test(quarter) ? { quarter } : {}), { deps: [quarter], onShow: true, pullDown: true });
  const me = useRemote(() => call('identity', 'whoami', {}));
  useBindThenBack(queue.errorCode ?? me.errorCode, route('townReview', shared));
  const rows = queue.data?.rows ?? [];
  const card =
    queue.data && me.data
      ? townReviewShareCard({ townName: me.data.town.name, quarter: queue.data.quarter, waiting: rows.filter((r) => r.status === 'closed' || r.status === 'approving').length })
      : null;
  useShareAppMessage(() => card ?? { title: '镇复核', path: route('townReview') });
  const notASigner = queue.errorCode === 'FORBIDDEN';
  return (
    <View className="page">
      {notASigner ? null : <Field label="季度" value={quarter} placeholder={queue.data?.quarter ?? '如 2026-Q3'} onChange={setQuarter} />}
      <Status loading={queue.loading && !queue.data} error={notASigner ? NOT_A_SIGNER.townReview : queue.error} hasData={!!queue.data} onRetry={notASigner ? undefined : () => void queue.reload()}>
        {card ? <ShareToGroup card={card} label="发到镇工作群" /> : null}
        {rows.length === 0 ? <Empty description="本镇没有村" /> : rows.map((r) => <VillageRow key={r.villageId} row={r} onDone={() => void queue.reload()} />)}
      </Status>
    </View>
  );
}
