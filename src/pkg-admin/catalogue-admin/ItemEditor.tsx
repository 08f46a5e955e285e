import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { CatalogueItem } from '@domain/catalogue/types';
import { toast } from '../../services/feedback';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Popup from '../../components/vant/popup';

const UNITS = [
  { value: 'per_time', label: '每次' },
  { value: 'per_month', label: '每月' },
  { value: 'per_year', label: '每年' },
];
const CAP_PERIODS = [
  { value: 'none', label: '不限次数' },
  { value: 'month', label: '每月' },
  { value: 'quarter', label: '每季度' },
  { value: 'year', label: '每年' },
];
const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** Edits one item of the draft in a popup; the server checks the whole draft when it is saved. */
export default function ItemEditor({ item, onSave, onDelete, onClose }: { item: CatalogueItem | null; onSave: (i: CatalogueItem) => void; onDelete: () => void; onClose: () => void }) {
  const [draft, setDraft] = useState<CatalogueItem | null>(item);
  const [points, setPoints] = useState('');
  const [times, setTimes] = useState('');
  useEffect(() => {
    setDraft(item);
    setPoints(item ? String(item.points) : '');
    setTimes(item?.cap ? String(item.cap.times) : '1');
  }, [item]);
  if (!draft) return <Popup show={false} onClose={onClose} />;
  const set = (patch: Partial<CatalogueItem>) => setDraft({ ...draft, ...patch });
  const done = () => {
    const p = Number(points.trim());
    if (!/^-?\d+$/.test(points.trim())) return toast('分值必须是整数');
    const t = Number(times.trim());
    if (draft.cap && (!/^\d+$/.test(times.trim()) || t < 1)) return toast('次数上限至少 1 次');
    onSave({ ...draft, points: p, cap: draft.cap ? { ...draft.cap, times: t } : null });
  };
  return (
    <Popup show={!!item} position="bottom" round closeable onClose={onClose}>
      <View className="cadmin__editor">
        <View className="cadmin__editor-title">积分项目 {draft.code}</View>
        <CellGroup inset>
          <Field label="项目名称" type="textarea" value={draft.name} maxlength={200} autosize required onChange={(name) => set({ name })} />
          <Field label="分值" value={points} placeholder="正数加分，负数扣分" maxlength={6} required onChange={setPoints} />
        </CellGroup>
        <View className="section-title">计分单位</View>
        <Segmented options={UNITS} value={draft.unit} onChange={(v) => set({ unit: v as CatalogueItem['unit'] })} />
        <View className="section-title">申报次数上限</View>
        <Segmented
          options={CAP_PERIODS}
          value={draft.cap?.period ?? 'none'}
          onChange={(v) => set({ cap: v === 'none' ? null : { times: Number(times) || 1, period: v as 'month' | 'quarter' | 'year' } })}
        />
        {draft.cap ? (
          <CellGroup inset>
            <Field label="最多次数" value={times} maxlength={3} onChange={setTimes} />
          </CellGroup>
        ) : null}
        <View className="section-title">需要照片证据</View>
        <Segmented options={YES_NO} value={draft.evidenceRequired ? 'yes' : 'no'} onChange={(v) => set({ evidenceRequired: v === 'yes' })} />
        <View className="section-title">村民可自行申报</View>
        <Segmented options={YES_NO} value={draft.selfReport ? 'yes' : 'no'} onChange={(v) => set({ selfReport: v === 'yes' })} />
        <View className="section-title">负面清单（触发一票否决）</View>
        <Segmented options={YES_NO} value={draft.negativeList ? 'yes' : 'no'} onChange={(v) => set({ negativeList: v === 'yes' })} />
        <View className="cadmin__buttons">
          <View className="cadmin__button">
            <Button type="danger" plain block round onClick={onDelete}>
              删除该项目
            </Button>
          </View>
          <View className="cadmin__button">
            <Button type="primary" block round onClick={done}>
              完成
            </Button>
          </View>
        </View>
      </View>
    </Popup>
  );
}
