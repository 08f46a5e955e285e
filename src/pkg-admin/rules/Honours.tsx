import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { describeHonours, type HonoursPolicy } from '@domain/ranking/annual';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { useSave } from '../../hooks/useSave';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';

const LEVEL_WORDS = ['一', '二', '三', '四', '五'];
const BLACK_LIST = [
  { value: 'off', label: '只列一票否决的户' },
  { value: 'on', label: '也列本季度没有通过申报的户' },
];

type Form = { stars: string[]; nongjiaCount: string; nongjiaMin: string; zuimeiCount: string; zuimeiMin: string; black: 'on' | 'off' };

function formOf(h: HonoursPolicy): Form {
  const stars = [1, 2, 3, 4, 5].map((level) => String(h.stars.find((s) => s.level === level)?.minPoints ?? ''));
  return {
    stars,
    nongjiaCount: String(h.wenmingNongjia.count),
    nongjiaMin: String(h.wenmingNongjia.minPoints),
    zuimeiCount: String(h.zuimeiJiating.count),
    zuimeiMin: String(h.zuimeiJiating.minPoints),
    black: h.blackListWithoutApplication ? 'on' : 'off',
  };
}

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));

/**
 * 年度评比设置 (村规): 星级文明户 points per star (blank: that star is not awarded), 文明农家 and
 * 最美家庭 places and minimums, and who goes on the 黑榜. The server checks the rules and says
 * what is wrong in words; the page only sends what was typed.
 */
export default function Honours({ honours, canEdit, onSaved }: { honours: HonoursPolicy; canEdit: boolean; onSaved: () => void }) {
  const [form, setForm] = useState<Form>(formOf(honours));
  const save = useSave();
  useEffect(() => setForm(formOf(honours)), [honours]);

  const submit = async () => {
    const counts = [form.nongjiaCount, form.nongjiaMin, form.zuimeiCount, form.zuimeiMin].map(num);
    if (counts.some((n) => Number.isNaN(n))) return toast('请把名额和积分要求填写完整');
    const stars = form.stars.flatMap((s, i) => (s.trim() === '' ? [] : [{ level: i + 1, minPoints: num(s) }]));
    if (stars.some((s) => Number.isNaN(s.minPoints))) return toast('星级的积分要求请填数字');
    const done = await save.run(
      () =>
        call('catalogue', 'setRules', {
          honours: {
            stars,
            wenmingNongjia: { count: counts[0], minPoints: counts[1] },
            zuimeiJiating: { count: counts[2], minPoints: counts[3] },
            blackListWithoutApplication: form.black === 'on',
          },
        }),
      { success: '评比设置已保存' },
    );
    if (done) onSaved();
  };

  return (
    <View>
      <View className="section-title">年度评比（星级文明户）</View>
      <CellGroup inset>
        {form.stars.map((v, i) => (
          <Field
            key={i}
            label={`${LEVEL_WORDS[i]}星积分`}
            type="number"
            value={v}
            placeholder="全年达到多少分，空着就不评这一星"
            onChange={(x: string) => setForm((f) => ({ ...f, stars: f.stars.map((s, j) => (j === i ? x : s)) }))}
          />
        ))}
        <Field label="文明农家名额" type="number" value={form.nongjiaCount} placeholder="评几户" onChange={(x: string) => setForm((f) => ({ ...f, nongjiaCount: x }))} />
        <Field label="文明农家积分" type="number" value={form.nongjiaMin} placeholder="至少多少分" onChange={(x: string) => setForm((f) => ({ ...f, nongjiaMin: x }))} />
        <Field label="最美家庭名额" type="number" value={form.zuimeiCount} placeholder="评几户" onChange={(x: string) => setForm((f) => ({ ...f, zuimeiCount: x }))} />
        <Field label="最美家庭积分" type="number" value={form.zuimeiMin} placeholder="至少多少分" onChange={(x: string) => setForm((f) => ({ ...f, zuimeiMin: x }))} />
      </CellGroup>
      <View className="rules__hint">现在的标准：{describeHonours(honours)}</View>
      <View className="rules__hint">按全年镇里复核通过的积分排名，先评文明农家，再评最美家庭；积分相同的户一起评上；被一票否决的户不参加评选。</View>
      <View className="section-title">黑榜</View>
      <Segmented options={BLACK_LIST} value={form.black} disabled={!canEdit} onChange={(v) => setForm((f) => ({ ...f, black: v as Form['black'] }))} />
      {save.error ? <View className="rules__hint">{save.error}</View> : null}
      {canEdit ? (
        <View className="rules__save">
          <Button type="primary" block round loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
            保存评比设置
          </Button>
        </View>
      ) : null}
    </View>
  );
}
