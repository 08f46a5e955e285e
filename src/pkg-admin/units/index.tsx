/**
 * 单位登记 (单位积分): the village admin's register of the village's units — shops, associations,
 * cooperatives, village groups — each with its grid (whose workers do its 初审), its 负责人 and
 * its points. Register a unit, change one, close or reopen it; a unit opens its own page.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '@domain/units/types';
import type { UnitView } from '@domain/api/units';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { useSave } from '../../hooks/useSave';
import { route } from '../../constants/routes';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Cell from '../../components/vant/cell';
import Field from '../../components/vant/field';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import '../../styles/onboarding.scss';

const KINDS = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

interface Draft {
  unitId?: string;
  name: string;
  kind: UnitKind;
  gridId: string | null;
  person: { id: string; name: string } | null;
  active: boolean;
}

const EMPTY: Draft = { name: '', kind: 'shop', gridId: null, person: null, active: true };

export default function UnitsPage() {
  const list = useRemote(() => call('units', 'list', {}), { auto: false });
  const grids = useRemote(() => call('grid', 'list', {}));
  useLoadOnShow(() => void list.reload());
  const save = useSave();
  const search = useSave();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [requestId, setRequestId] = useState(newRequestId);
  const [who, setWho] = useState('');
  const [found, setFound] = useState<{ id: string; name: string; doorNo: string | null }[] | null>(null);

  const edit = (u: UnitView) => {
    setDraft({ unitId: u._id, name: u.name, kind: u.kind, gridId: u.gridId, person: { id: u.responsiblePersonId, name: u.responsibleName }, active: u.active });
    setFound(null);
  };
  const find = async () => {
    if (!who.trim()) return toast('请输入负责人姓名');
    const r = await search.run(() => call('grid', 'findPeople', { name: who.trim() }));
    if (r) setFound(r.items);
  };
  const submit = async (d: Draft) => {
    if (!d.name.trim()) return toast('请填写单位名称');
    if (!d.gridId) return toast('请选择单位所在网格');
    if (!d.person) return toast('请查找并选择负责人');
    const r = await save.run(
      () =>
        call('units', 'save', {
          requestId,
          ...(d.unitId ? { unitId: d.unitId } : {}),
          name: d.name.trim(),
          kind: d.kind,
          gridId: d.gridId as string,
          responsiblePersonId: (d.person as { id: string }).id,
          active: d.active,
        }),
      { success: d.unitId ? '已保存' : '已登记' },
    );
    if (!r) return;
    setDraft(EMPTY);
    setRequestId(newRequestId());
    setFound(null);
    setWho('');
    void list.reload();
  };

  const items = list.data?.items ?? [];
  return (
    <View className="page">
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        <View className="section-title">本村单位（{items.length} 个）</View>
        <View className="ob__hint">单位积分类的项目由单位申报，和住户一样经网格员初审、月度评议、季度公示和镇复核，积分记在单位自己的台账上。</View>
        {items.length === 0 ? <View className="card muted">还没有登记单位</View> : null}
        {items.map((u) => (
          <View key={u._id} className="card units__row">
            <View className="card__title">
              {u.name} <Text className="muted">{u.kindLabel}{u.active ? '' : ' · 已注销'}</Text>
            </View>
            <View className="muted">
              负责人 {u.responsibleName} · 可兑换 {u.balance.redeemable} 分 · 待公示 {u.balance.pending} 分
            </View>
            <View className="ob__buttons">
              <View className="ob__button">
                <Button size="small" round plain type="primary" onClick={() => void Taro.navigateTo({ url: route('unit', { unitId: u._id }) })}>
                  积分与申报
                </Button>
              </View>
              <View className="ob__button">
                <Button size="small" round plain disabled={save.busy} onClick={() => edit(u)}>
                  修改
                </Button>
              </View>
              <Button size="small" round plain type={u.active ? 'danger' : 'primary'} disabled={save.busy} onClick={() => void submit({ unitId: u._id, name: u.name, kind: u.kind, gridId: u.gridId, person: { id: u.responsiblePersonId, name: u.responsibleName }, active: !u.active })}>
                {u.active ? '注销' : '恢复'}
              </Button>
            </View>
          </View>
        ))}
      </Status>

      <View className="section-title">{draft.unitId ? `修改：${draft.name}` : '登记新单位'}</View>
      <CellGroup inset>
        <Field label="单位名称" value={draft.name} placeholder="例如：青山便民超市" maxlength={30} onChange={(name) => setDraft((d) => ({ ...d, name }))} />
      </CellGroup>
      <View className="ob__hint">类别</View>
      <Segmented options={KINDS} value={draft.kind} onChange={(k) => setDraft((d) => ({ ...d, kind: k as UnitKind }))} />
      <View className="ob__hint">所在网格（该网格的网格员负责初审）</View>
      <Segmented options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={draft.gridId ?? ''} onChange={(gridId) => setDraft((d) => ({ ...d, gridId }))} />
      <CellGroup inset>
        <Cell title="负责人" value={draft.person ? draft.person.name : '未选择'} />
        <Field label="查找村民" value={who} placeholder="输入负责人姓名" maxlength={20} onChange={setWho} />
      </CellGroup>
      <View className="actions">
        <Button round block loading={search.busy} disabled={search.busy} onClick={() => void find()}>
          查找负责人
        </Button>
      </View>
      {found && found.length === 0 ? <View className="ob__hint">本村没有叫这个名字的村民</View> : null}
      {(found ?? []).map((p) => (
        <Cell key={p.id} title={p.name} label={p.doorNo ?? ''} isLink onClick={() => setDraft((d) => ({ ...d, person: { id: p.id, name: p.name } }))} />
      ))}
      <View className="actions">
        <Button type="primary" round block loading={save.busy} disabled={save.busy} onClick={() => void submit(draft)}>
          {draft.unitId ? '保存修改' : '登记单位'}
        </Button>
        {draft.unitId ? (
          <Button round block plain onClick={() => setDraft(EMPTY)}>
            取消修改
          </Button>
        ) : null}
      </View>
    </View>
  );
}
