import { useEffect, useState } from 'react';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { defaultVetoVillage, notTheRecorder, vetoGates } from '@domain/veto/policy';
import type { WhoAmI } from '@domain/api/index';
import type { Veto } from '@domain/veto/types';
import { hasRole } from '@domain/org/roles';
import { NOT_A_SIGNER, sharedQuery, vetoShareCard } from '@domain/notices/share';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import Tabs from '../../components/vant/tabs';
import Button from '../../components/vant/button';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import ShareToGroup, { useBindThenBack } from '../../components/share-to-group';
import { queryParam } from '../../utils/params';
import { route } from '../../constants/routes';
import VetoCard from './VetoCard';
import RecordForm from './RecordForm';
import './index.scss';

type Tab = 'record' | 'pending' | 'all' | 'mine';
const TITLES: Record<Tab, string> = { record: '登记', pending: '待会签', all: '全部记录', mine: '本户' };

/** The tabs the veto policy opens to this person (the town admin reads a village's list from elsewhere, naming it). */
function tabsFor(me: WhoAmI): Tab[] {
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  const out: Tab[] = [];
  if (admits(vetoGates.countersign, who)) out.push('pending');
  if (admits(vetoGates.record, who)) out.push('record');
  if (defaultVetoVillage(me) !== null) out.push('all');
  if (admits(vetoGates.mine, who)) out.push('mine');
  return out;
}

/** 监督小组: countersign (会签) or reject with a reason. */
function PendingCard({ veto, onDone }: { veto: Veto; onDone: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (kind: 'countersign' | 'reject') => {
    if (busy) return;
    if (kind === 'reject' && reason.trim().length < 2) return toast('请填写驳回原因');
    setBusy(true);
    try {
      if (kind === 'countersign') await call('veto', 'countersign', { vetoId: veto._id });
      else await call('veto', 'reject', { vetoId: veto._id, reason: reason.trim() });
      toastSuccess(kind === 'countersign' ? '已会签，一票否决生效' : '已驳回');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <VetoCard veto={veto}>
      {rejecting ? <Field label="驳回原因" type="textarea" value={reason} maxlength={200} autosize required onChange={setReason} /> : null}
      <View className="veto__actions">
        <View className="veto__action">
          <Button type="default" block round disabled={busy} onClick={() => (rejecting ? void act('reject') : setRejecting(true))}>
            {rejecting ? '确认驳回' : '驳回'}
          </Button>
        </View>
        <View className="veto__action">
          <Button type="danger" block round loading={busy} disabled={busy} onClick={() => void act('countersign')}>
            会签生效
          </Button>
        </View>
      </View>
    </VetoCard>
  );
}

function VetoList({ tab, myId, onChanged, village, onWaiting }: { tab: 'pending' | 'all'; myId: string; onChanged: () => void; village: { id: string; name: string } | null; onWaiting: (n: number) => void }) {
  const list = useRemote(() => call('veto', 'list', tab === 'pending' ? { status: 'recorded', limit: 50 } : { limit: 50 }), { onShow: true });
  const items = list.data?.items ?? [];
  const waiting = tab === 'pending' ? items.length : 0;
  useEffect(() => onWaiting(waiting), [waiting, onWaiting]);
  return (
    <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
      {tab === 'pending' && village && waiting > 0 ? <ShareToGroup card={vetoShareCard({ villageId: village.id, villageName: village.name, waiting })} label="发到监督小组群" /> : null}
      {items.length === 0 ? (
        <Empty description={tab === 'pending' ? '没有待会签的事项' : '没有一票否决记录'} />
      ) : (
        items.map((v) =>
          // Four eyes: what I recorded myself waits for another supervisor.
          tab === 'pending' && notTheRecorder({ _id: myId }, v).ok ? (
            <PendingCard
              key={v._id}
              veto={v}
              onDone={() => {
                void list.reload();
                onChanged();
              }}
            />
          ) : (
            <VetoCard key={v._id} veto={v} />
          ),
        )
      )}
    </Status>
  );
}

function Mine() {
  const mine = useRemote(() => call('veto', 'mine', {}));
  const items = mine.data?.items ?? [];
  return (
    <Status loading={mine.loading} error={mine.error} hasData={!!mine.data} onRetry={() => void mine.reload()}>
      {items.length === 0 ? <Empty description="本户没有一票否决记录" /> : items.map((v) => <VetoCard key={v._id} veto={v} />)}
    </Status>
  );
}

/**
 * 一票否决: reviewers record, supervisors countersign; the committees see the list; a household
 * sees its own. A card shared to the supervisors' group (?villageId=&tab=pending) opens the vetoes
 * waiting; whoever is not a supervisor of that village is told so; an unbound user binds first.
 */
export default function VetoPage() {
  const { params } = useRouter();
  const shared = sharedQuery({ villageId: queryParam(params, 'villageId') });
  const fromCard = queryParam(params, 'tab') === 'pending';
  const me = useRemote(() => call('identity', 'whoami', {}));
  const [chosen, setChosen] = useState<Tab | null>(fromCard ? 'pending' : null);
  const [stamp, setStamp] = useState(0);
  const [waiting, setWaiting] = useState(0);
  useBindThenBack(me.errorCode, route('veto', { ...shared, tab: 'pending' }));
  const tabs = me.data ? tabsFor(me.data) : [];
  const tab = chosen && tabs.includes(chosen) ? chosen : tabs[0];
  const village = me.data?.village ?? null;
  useShareAppMessage(() => (village ? vetoShareCard({ villageId: village.id, villageName: village.name, waiting }) : { title: '一票否决', path: route('veto') }));
  // From a card: only a supervisor of that village signs here; anyone else reads one line.
  const notASigner = fromCard && !!me.data && !(shared.villageId ? hasRole(me.data.roles, 'supervisor', shared.villageId) : tabs.includes('pending'));
  return (
    <View className="page">
      <Status loading={me.loading} error={notASigner ? NOT_A_SIGNER.veto : me.error} hasData={!!me.data && !notASigner} onRetry={notASigner ? undefined : () => void me.reload()}>
        {tabs.length > 1 && tab ? <Tabs titles={tabs.map((t) => TITLES[t])} active={tabs.indexOf(tab)} onChange={(i) => setChosen(tabs[i])} /> : null}
        {tab === 'record' ? <RecordForm onDone={() => setChosen('all')} /> : null}
        {tab === 'pending' || tab === 'all' ? (
          <VetoList key={`${tab}-${stamp}`} tab={tab} myId={me.data?.person.id ?? ''} onChanged={() => setStamp((n) => n + 1)} village={village} onWaiting={setWaiting} />
        ) : null}
        {tab === 'mine' ? <Mine /> : null}
        {me.data && !tab ? <Empty description="没有可查看的内容" /> : null}
      </Status>
    </View>
  );
}
