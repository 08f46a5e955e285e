/**
 * 绑定记录: who bound, unbound, claimed an admin code, was appointed or joined a household —
 * newest first, for the village admin and the supervisors. The village admin also unbinds the
 * WeChat of a villager who lost their phone (with a reason, recorded here).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BINDING_EVENT_LABELS } from '@domain/onboarding/types';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { formatTime } from '../../utils/format';
import { onboardingAccess } from '../../utils/onboardingAccess';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import '../../styles/onboarding.scss';

type Found = { id: string; name: string; doorNo: string | null; gridName: string | null };

/** 解除绑定: find the villager, give the reason, confirm. */
function UnbindPerson({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [picked, setPicked] = useState<Found | null>(null);
  const [reason, setReason] = useState('');
  const search = useSave();
  const save = useSave();
  const find = async () => {
    if (!name.trim()) return toast('请输入村民姓名');
    const r = await search.run(() => call('grid', 'findPeople', { name: name.trim() }));
    if (r) {
      setFound(r.items);
      setPicked(null);
    }
  };
  const unbind = async () => {
    if (!picked) return;
    if (reason.trim().length < 2) return toast('请填写解绑原因');
    const { confirm } = await Taro.showModal({ title: '解除绑定', content: `解除${picked.name}的微信绑定后，TA 需要用户码重新绑定。确定？` });
    if (!confirm) return;
    const r = await save.run(() => call('org', 'unbindPerson', { personId: picked.id, reason: reason.trim() }));
    if (!r) return;
    toast(r.unbound ? `已解除${picked.name}的微信绑定` : `${picked.name}没有绑定微信`);
    setPicked(null);
    setReason('');
    setFound(null);
    onDone();
  };
  return (
    <View>
      <View className="section-title">为村民解除微信绑定（如手机丢失）</View>
      <CellGroup inset>
        <Field label="姓名" value={name} placeholder="输入村民姓名查找" maxlength={20} onChange={setName} />
      </CellGroup>
      <View className="actions">
        <Button round block loading={search.busy} disabled={search.busy} onClick={() => void find()}>
          查找
        </Button>
      </View>
      {found && found.length === 0 ? <View className="ob__hint">本村没有叫这个名字的村民</View> : null}
      {found && found.length > 0 ? (
        <View className="card">
          {found.map((p) => (
            <View key={p.id} className="ob__line">
              <Text>
                {p.name} <Text className="muted">{[p.gridName, p.doorNo].filter(Boolean).join(' ')}</Text>
              </Text>
              <Button size="small" round plain type={picked?.id === p.id ? 'primary' : 'default'} onClick={() => setPicked(p)}>
                {picked?.id === p.id ? '已选' : '选择'}
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {picked ? (
        <>
          <CellGroup inset>
            <Field label="原因" value={reason} placeholder="如：手机丢失，换新手机" maxlength={200} onChange={setReason} />
          </CellGroup>
          <View className="actions">
            <Button type="danger" round block loading={save.busy} disabled={save.busy} onClick={() => void unbind()}>
              解除{picked.name}的微信绑定
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}

export default function BindingLogPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const log = useRemote(() => call('org', 'log', {}), { onShow: true });
  const admin = !!me.data && onboardingAccess(me.data).villageAdmin;
  const items = log.data?.items ?? [];
  return (
    <View className="page">
      {admin ? <UnbindPerson onDone={() => void log.reload()} /> : null}
      <View className="section-title">绑定与任命记录（最新在前）</View>
      <Status loading={log.loading} error={log.error} hasData={!!log.data} onRetry={() => void log.reload()}>
        {items.length === 0 ? <Empty description="还没有记录" /> : null}
        {items.length > 0 ? (
          <View className="card">
            {items.map((e) => (
              <View key={e._id} className="ob__line">
                <View>
                  <View>
                    {BINDING_EVENT_LABELS[e.kind]} · {e.personName}
                  </View>
                  <View className="muted">
                    {e.detail}
                    {e.actorId !== e.personId ? `（经办：${e.actorName}）` : ''}
                  </View>
                </View>
                <Text className="muted">{formatTime(e.at)}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </Status>
    </View>
  );
}
