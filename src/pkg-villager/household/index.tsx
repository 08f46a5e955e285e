/**
 * 我家: each member's points of the year (any member of the household).
 * 家庭成员与加入申请: the head adds, corrects and removes the household's members (户主 [003]);
 * the head — and the grid workers for the households of their grids — approve or reject the
 * requests of WeChat users who asked to join a household (approved: a new member, bound).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { JoinRequestView, MemberRow } from '@domain/api/org';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useSave, type Save } from '../../hooks/useSave';
import { formatTime } from '../../utils/format';
import { onboardingAccess } from '../../utils/onboardingAccess';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Contributions from './Contributions';
import '../../styles/onboarding.scss';

/** Name and relation: a new member (no `member`) or a correction. */
function MemberForm({ member, save, onSave, onCancel }: { member: MemberRow | null; save: Save; onSave: (name: string, relation: string) => void; onCancel?: () => void }) {
  const [name, setName] = useState(member?.name ?? '');
  const [relation, setRelation] = useState(member?.relation ?? '');
  return (
    <View>
      <CellGroup inset>
        <Field label="姓名" value={name} placeholder="成员姓名" maxlength={20} onChange={setName} />
        <Field label="与户主关系" value={relation} placeholder="如：配偶、儿子、孙女" maxlength={10} onChange={setRelation} />
      </CellGroup>
      <View className="actions ob__buttons">
        <View className="ob__button">
          <Button
            type="primary"
            round
            loading={save.busy}
            disabled={save.busy}
            onClick={() => {
              if (!name.trim()) return toast('请填写姓名');
              if (!relation.trim()) return toast('请填写与户主关系');
              onSave(name.trim(), relation.trim());
            }}
          >
            {member ? '保存修改' : '添加成员'}
          </Button>
        </View>
        {onCancel ? (
          <Button round onClick={onCancel}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function Members() {
  const list = useRemote(() => call('org', 'members', {}), { onShow: true });
  const [items, setItems] = useState<MemberRow[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const save = useSave();
  const rows = items ?? list.data?.items ?? [];

  const saveMember = async (personId: string | null, name: string, relation: string) => {
    const r = await save.run(() => call('org', 'saveMember', { ...(personId ? { personId } : {}), name, relation }), { success: personId ? '已修改' : '已添加' });
    if (r) {
      setItems(r.items);
      setEditing(null);
      setFormKey((k) => k + 1);
    }
  };
  const remove = async (m: MemberRow) => {
    const { confirm } = await Taro.showModal({ title: '移出家庭成员', content: `确定把${m.name}移出本户？` });
    if (!confirm) return;
    const r = await save.run(() => call('org', 'removeMember', { personId: m.id }), { success: '已移出' });
    if (r) setItems(r.items);
  };

  return (
    <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
      <View className="section-title">家庭成员（{rows.length} 人）</View>
      <View className="card">
        {rows.map((m) =>
          editing === m.id ? (
            <MemberForm key={m.id} member={m} save={save} onSave={(n, r) => void saveMember(m.id, n, r)} onCancel={() => setEditing(null)} />
          ) : (
            <View key={m.id} className="ob__line">
              <Text>
                {m.name} <Text className="muted">{m.head ? '户主' : (m.relation ?? '')}{m.bound ? ' · 已绑定微信' : ' · 未绑定'}</Text>
              </Text>
              <View className="ob__buttons">
                <View className="ob__button">
                  <Button size="small" round plain onClick={() => setEditing(m.id)}>
                    修改
                  </Button>
                </View>
                {m.head ? null : (
                  <Button size="small" round plain type="danger" disabled={save.busy} onClick={() => void remove(m)}>
                    移出
                  </Button>
                )}
              </View>
            </View>
          ),
        )}
      </View>
      <View className="section-title">添加家庭成员</View>
      <MemberForm key={formKey} member={null} save={save} onSave={(n, r) => void saveMember(null, n, r)} />
    </Status>
  );
}

function JoinRequest({ r, onDecided }: { r: JoinRequestView; onDecided: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const save = useSave();
  const decide = async (approve: boolean) => {
    if (!approve && !reason.trim()) return toast('请填写不同意的原因');
    const done = await save.run(() => call('org', 'decideJoin', { requestId: r._id, approve, ...(approve ? {} : { reason: reason.trim() }) }), {
      success: approve ? `已同意${r.name}加入` : '已拒绝',
    });
    if (done) onDecided();
  };
  return (
    <View className="card">
      <View className="card__title">
        {r.name}（{r.relation}）申请加入 {r.doorNo}
      </View>
      <View className="muted">
        户主 {r.headName} · {formatTime(r.createdAt)}
      </View>
      {rejecting ? (
        <CellGroup inset>
          <Field label="原因" value={reason} placeholder="如：不是本户成员" maxlength={200} onChange={setReason} />
        </CellGroup>
      ) : null}
      <View className="actions ob__buttons">
        {rejecting ? null : (
          <View className="ob__button">
            <Button type="primary" round loading={save.busy} disabled={save.busy} onClick={() => void decide(true)}>
              同意加入
            </Button>
          </View>
        )}
        <Button type="danger" plain round disabled={save.busy} onClick={() => (rejecting ? void decide(false) : setRejecting(true))}>
          {rejecting ? '确认不同意' : '不同意'}
        </Button>
      </View>
    </View>
  );
}

function JoinRequests() {
  const list = useRemote(() => call('org', 'joinRequests', {}), { onShow: true });
  const items = list.data?.items ?? [];
  return (
    <View>
      <View className="section-title">加入申请（{items.length} 条待处理）</View>
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {items.length === 0 ? <Empty description="没有待处理的加入申请" /> : null}
        {items.map((r) => (
          <JoinRequest key={r._id} r={r} onDecided={() => void list.reload()} />
        ))}
      </Status>
    </View>
  );
}

export default function HouseholdPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const may = me.data ? onboardingAccess(me.data) : null;
  return (
    <View className="page">
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {me.data?.household ? <Contributions /> : null}
        {may?.joinDecider ? <JoinRequests /> : null}
        {may?.householdHead ? <Members /> : null}
        {me.data && !me.data.household && may && !may.joinDecider && !may.householdHead ? <Empty description="只有户主或网格员可以处理加入申请" /> : null}
      </Status>
    </View>
  );
}
