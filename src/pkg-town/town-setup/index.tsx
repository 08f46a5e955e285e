/**
 * 镇村上线: the town admin's villages with their setup progress (grids, households, how many
 * households have bound a WeChat, admins, the committee checklist), 新建村, and a one-time
 * village-admin code per village, shown big with its QR code and expiry.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { IssuedCode, VillageProgress } from '@domain/api/org';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Popup from '../../components/vant/popup';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import IssuedCodeView from '../../components/issued-code';
import '../../styles/onboarding.scss';
import './index.scss';

function VillageCard({ v, onInvite, busy }: { v: VillageProgress; onInvite: () => void; busy: boolean }) {
  return (
    <View className="card">
      <View className="card__row">
        <Text className="card__title">{v.name}</Text>
        <Text className={v.boundPercent >= 80 ? 'ob__done' : 'muted'}>已绑定 {v.boundPercent}%</Text>
      </View>
      <View className="muted">
        {v.grids} 个网格 · {v.households} 户 · {v.boundHouseholds} 户已绑定微信 · 村管理员 {v.admins} 人
      </View>
      <View className="tsetup__checklist">
        {v.admins === 0 ? <View className="ob__todo">✗ 还没有村管理员：请邀请</View> : <View className="ob__done">✓ 已有村管理员</View>}
        {v.households === 0 ? <View className="ob__todo">✗ 还没有导入住户名册</View> : null}
        {v.checklist.map((c) => (
          <View key={c.key} className={c.done ? 'ob__done' : 'ob__todo'}>
            {c.done ? '✓' : '✗'} {c.label}：{c.have}/{c.want}
          </View>
        ))}
      </View>
      <View className="actions">
        <Button type={v.admins === 0 ? 'primary' : 'default'} round block loading={busy} disabled={busy} onClick={onInvite}>
          邀请村管理员
        </Button>
      </View>
    </View>
  );
}

export default function TownSetupPage() {
  const progress = useRemote(() => call('org', 'progress', {}), { onShow: true });
  const [name, setName] = useState('');
  const [invited, setInvited] = useState<{ village: string; issued: IssuedCode } | null>(null);
  const [inviting, setInviting] = useState<string | null>(null);
  const save = useSave();

  const create = async () => {
    if (name.trim().length < 2) return toast('村名 2–20 个字');
    const r = await save.run(() => call('org', 'createVillage', { name: name.trim() }), { success: '已新建' });
    if (r) {
      setName('');
      void progress.reload();
    }
  };

  const invite = async (v: VillageProgress) => {
    setInviting(v.villageId);
    const issued = await save.run(() => call('org', 'inviteVillageAdmin', { villageId: v.villageId }));
    setInviting(null);
    if (issued) setInvited({ village: v.name, issued });
  };

  const items = progress.data?.items ?? [];
  return (
    <View className="page">
      <Status loading={progress.loading} error={progress.error} hasData={!!progress.data} onRetry={() => void progress.reload()}>
        <View className="section-title">本镇各村上线进度（{items.length} 个村）</View>
        {items.length === 0 ? <Empty description="还没有村，请先新建村" /> : null}
        {items.map((v) => (
          <VillageCard key={v.villageId} v={v} busy={inviting === v.villageId} onInvite={() => void invite(v)} />
        ))}
        <View className="section-title">新建村</View>
        <CellGroup inset>
          <Field label="村名" value={name} placeholder="如：石桥村" maxlength={20} onChange={setName} />
        </CellGroup>
        <View className="ob__hint">新村使用默认村规，积分目录以示范目录为草稿，村管理员可修改后报镇备案。</View>
        <View className="actions">
          <Button type="primary" round block loading={save.busy && !inviting} disabled={save.busy} onClick={() => void create()}>
            新建村
          </Button>
        </View>
      </Status>
      <Popup show={!!invited} position="bottom" round closeable onClose={() => setInvited(null)}>
        <View className="ob__popup">
          <View className="ob__popup-title">{invited?.village} 村管理员邀请码</View>
          {invited ? <IssuedCodeView issued={invited.issued} who={`${invited.village}的村管理员（村两委）`} /> : null}
        </View>
      </Popup>
    </View>
  );
}
