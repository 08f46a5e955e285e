/**
 * 评议监督小组: the village admin's checklist (5 reviewers with a lead, 3 supervisors, a shop
 * clerk, grid staff on every grid) and who holds each role; find a villager by name and appoint
 * them, make a reviewer the lead (组长), or remove them. Grid roles are set on 网格管理.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@domain/org/roles';
import type { AppointableRole } from '@domain/onboarding/policy';
import type { CommitteeView } from '@domain/api/org';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { route } from '../../constants/routes';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Cell from '../../components/vant/cell';
import Field from '../../components/vant/field';
import Status from '../../components/status';
import '../../styles/onboarding.scss';

type Member = CommitteeView['members'][number];
type Found = { id: string; name: string; doorNo: string | null; gridName: string | null };

const GROUPS: { role: AppointableRole; title: string }[] = [
  { role: 'reviewer', title: '积分评议小组' },
  { role: 'supervisor', title: '监督小组' },
  { role: 'shop_clerk', title: '超市店员' },
];

const APPOINT: { role: AppointableRole; lead: boolean; label: string }[] = [
  { role: 'reviewer', lead: false, label: '评议小组成员' },
  { role: 'reviewer', lead: true, label: '评议小组组长' },
  { role: 'supervisor', lead: false, label: '监督小组成员' },
  { role: 'shop_clerk', lead: false, label: '超市店员' },
];

function where(m: { doorNo: string | null }): string {
  return m.doorNo ?? '';
}

export default function CommitteePage() {
  const view = useRemote(() => call('org', 'committee', {}), { onShow: true });
  const save = useSave();
  const [name, setName] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const search = useSave();

  const find = async () => {
    if (!name.trim()) return toast('请输入村民姓名');
    const r = await search.run(() => call('grid', 'findPeople', { name: name.trim() }));
    if (r) setFound(r.items);
  };

  const appoint = async (personId: string, personName: string, role: AppointableRole, assigned: boolean, lead = false) => {
    const r = await save.run(() => call('org', 'appoint', { personId, role, assigned, ...(role === 'reviewer' && lead ? { lead: true } : {}) }), {
      success: assigned ? `已任命${personName}` : `已免去${personName}`,
    });
    if (r) void view.reload();
  };

  const confirmRemove = async (m: Member) => {
    const { confirm } = await Taro.showModal({ title: '免去职务', content: `确定免去${m.name}的${ROLE_LABELS[m.role]}？` });
    if (confirm) void appoint(m.personId, m.name, m.role as AppointableRole, false);
  };

  const v = view.data;
  const gridStaff = (v?.members ?? []).filter((m) => m.role === 'grid_leader' || m.role === 'grid_worker');
  return (
    <View className="page">
      <Status loading={view.loading} error={view.error} hasData={!!v} onRetry={() => void view.reload()}>
        {v ? (
          <>
            <View className="section-title">{v.villageName} 还需配齐</View>
            <View className="card">
              {v.checklist.map((c) => (
                <View key={c.key} className="ob__line">
                  <Text className={c.done ? 'ob__done' : 'ob__todo'}>
                    {c.done ? '✓' : '✗'} {c.label}
                  </Text>
                  <Text className={c.done ? 'ob__done' : 'ob__todo'}>
                    {c.have}/{c.want}
                  </Text>
                </View>
              ))}
            </View>

            {GROUPS.map((g) => {
              const members = v.members.filter((m) => m.role === g.role);
              return (
                <View key={g.role}>
                  <View className="section-title">
                    {g.title}（{members.length} 人）
                  </View>
                  <View className="card">
                    {members.length === 0 ? <View className="muted">尚未任命</View> : null}
                    {members.map((m) => (
                      <View key={`${m.personId}-${m.role}`} className="ob__line">
                        <Text>
                          {m.name}
                          {m.lead ? '（组长）' : ''} <Text className="muted">{where(m)}</Text>
                        </Text>
                        <View className="ob__buttons">
                          {m.role === 'reviewer' && !m.lead ? (
                            <View className="ob__button">
                              <Button size="small" round plain type="primary" disabled={save.busy} onClick={() => void appoint(m.personId, m.name, 'reviewer', true, true)}>
                                设为组长
                              </Button>
                            </View>
                          ) : null}
                          <Button size="small" round plain type="danger" disabled={save.busy} onClick={() => void confirmRemove(m)}>
                            免去
                          </Button>
                        </View>
                      </View>
                    ))}
                  </View>
                </View>
              );
            })}

            <View className="section-title">任命本村村民</View>
            <View className="ob__hint">同一人不能既在评议小组又在监督小组。</View>
            <CellGroup inset>
              <Field label="姓名" value={name} placeholder="输入村民姓名查找" maxlength={20} onChange={setName} />
            </CellGroup>
            <View className="actions">
              <Button round block loading={search.busy} disabled={search.busy} onClick={() => void find()}>
                查找
              </Button>
            </View>
            {found && found.length === 0 ? <View className="ob__hint">本村没有叫这个名字的村民</View> : null}
            {(found ?? []).map((p) => (
              <View key={p.id} className="card">
                <View className="card__title">
                  {p.name} <Text className="muted">{[p.gridName, p.doorNo].filter(Boolean).join(' ')}</Text>
                </View>
                <View className="ob__buttons">
                  {APPOINT.map((a) => (
                    <View key={a.label} className="ob__button">
                      <Button size="small" round plain type="primary" disabled={save.busy} onClick={() => void appoint(p.id, p.name, a.role, true, a.lead)}>
                        {`设为${a.label}`}
                      </Button>
                    </View>
                  ))}
                </View>
              </View>
            ))}

            <View className="section-title">网格长、网格员（{gridStaff.length} 人）</View>
            <CellGroup inset>
              {gridStaff.map((m) => (
                <Cell key={`${m.personId}-${m.role}-${m.gridName}`} title={`${m.name} · ${ROLE_LABELS[m.role]}`} value={m.gridName ?? ''} />
              ))}
              <Cell title="网格管理" label="在网格管理中任命网格长、网格员" isLink onClick={() => void Taro.navigateTo({ url: route('gridAdmin') })} />
            </CellGroup>
          </>
        ) : null}
      </Status>
    </View>
  );
}
