import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { HOUSEHOLD_TAGS, HOUSEHOLD_TAG_LABELS, type HouseholdTag } from '@domain/org/tags';
import type { HouseholdDetail } from '@domain/api/grid';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { queryParam } from '../../utils/params';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import './index.scss';

interface MemberDraft {
  id?: string;
  name: string;
  relation: string;
  phone: string;
  isHead: boolean;
}

const draftOf = (d: HouseholdDetail): MemberDraft[] => d.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation ?? '', phone: m.phone ?? '', isHead: m.isHead }));

/** The household's roster: tags (关注标签) and members with phones. Grid workers and admins only; admins' reads of tagged households are logged. */
function Editor({ detail, onSaved }: { detail: HouseholdDetail; onSaved: (d: HouseholdDetail) => void }) {
  const [tags, setTags] = useState<HouseholdTag[]>(detail.tags);
  const [members, setMembers] = useState<MemberDraft[]>(draftOf(detail));
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);

  useEffect(() => {
    setTags(detail.tags);
    setMembers(draftOf(detail));
  }, [detail]);

  const toggle = (t: HouseholdTag) => setTags((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));
  const patch = (i: number, p: Partial<MemberDraft>) => setMembers((cur) => cur.map((m, j) => (j === i ? { ...m, ...p } : m)));

  const save = async () => {
    if (busy.current) return;
    if (members.some((m) => !m.name.trim())) return toast('请填写每位成员的姓名');
    busy.current = true;
    setSaving(true);
    try {
      const saved = await call('grid', 'saveRoster', {
        householdId: detail.id,
        tags,
        members: members.map((m) => ({ ...(m.id ? { id: m.id } : {}), name: m.name.trim(), relation: m.relation.trim() || null, phone: m.phone.trim() || null })),
      });
      toastSuccess('已保存');
      onSaved(saved);
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  return (
    <View>
      <View className="section-title">关注标签（仅网格员、村两委、镇可见）</View>
      <View className="card">
        {HOUSEHOLD_TAGS.map((t) => (
          <View key={t} className="roster__tag" onClick={() => toggle(t)}>
            <Tag type={tags.includes(t) ? 'warning' : 'default'} plain={!tags.includes(t)} size="medium">
              {HOUSEHOLD_TAG_LABELS[t]}
            </Tag>
          </View>
        ))}
      </View>
      <View className="section-title">家庭成员</View>
      {members.map((m, i) => (
        <CellGroup key={m.id ?? `new-${i}`} inset>
          <Field label="姓名" value={m.name} maxlength={20} required onChange={(v) => patch(i, { name: v })} />
          {m.isHead ? (
            <Cell title="与户主关系" value="户主" />
          ) : (
            <Field label="与户主关系" value={m.relation} placeholder="配偶、子女、父母…" maxlength={10} onChange={(v) => patch(i, { relation: v })} />
          )}
          <Field label="电话" value={m.phone} placeholder="手机或座机" maxlength={20} onChange={(v) => patch(i, { phone: v })} />
        </CellGroup>
      ))}
      <View className="actions">
        <Button size="small" round plain onClick={() => setMembers((cur) => [...cur, { name: '', relation: '', phone: '', isHead: false }])}>
          添加成员
        </Button>
      </View>
      <View className="actions">
        <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

function ReadOnly({ detail }: { detail: HouseholdDetail }) {
  return (
    <View>
      <View className="section-title">关注标签</View>
      <View className="card">{detail.tags.length ? detail.tags.map((t) => HOUSEHOLD_TAG_LABELS[t]).join('、') : '无'}</View>
      <View className="section-title">家庭成员</View>
      <View className="card">
        {detail.members.map((m) => (
          <View key={m.id} className="roster__member card__row">
            <Text>
              {m.name}
              {m.relation ? `（${m.relation}）` : ''}
            </Text>
            <Text className="muted">{m.phone ?? '未登记电话'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export default function RosterPage() {
  const householdId = queryParam(useRouter().params, 'householdId');
  const remote = useRemote(() => call('grid', 'household', { householdId }));
  const [detail, setDetail] = useState<HouseholdDetail | null>(null);
  const d = detail ?? remote.data;
  return (
    <View className="page">
      <Status loading={remote.loading} error={remote.error} hasData={!!d} onRetry={() => void remote.reload()}>
        {d ? (
          <View>
            <View className="card">
              <View className="card__title">
                {d.doorNo} · 户主 {d.headName}
              </View>
              <View className="muted">
                {d.village.name} · {d.grid?.name ?? '未划网格'} · {d.members.length} 人
              </View>
            </View>
            {d.logged ? <View className="roster__private">本次查看已记录（严格保护个人隐私）</View> : null}
            {d.canEdit ? <Editor detail={d} onSaved={setDetail} /> : <ReadOnly detail={d} />}
          </View>
        ) : null}
      </Status>
    </View>
  );
}
