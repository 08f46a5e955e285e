import { useMemo, useRef, useState, type FC } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { CatalogueCategory, CatalogueItem } from '@domain/catalogue/types';
import { call } from '../../services/api';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import { itemPointsText, today } from '../../utils/format';
import Button from '../vant/button';
import Cell from '../vant/cell';
import CellGroup from '../vant/cell-group';
import Field from '../vant/field';
import Tag from '../vant/tag';
import Empty from '../vant/empty';
import Status from '../status';
import { PhotoPicker } from '../photos';
import './index.scss';
import { useSubscribeAsk } from '../../hooks/useSubscribeAsk';

export interface OnBehalfOf {
  householdId: string;
  /** As the grid worker sees it, e.g. "张三（3号）". */
  householdName: string;
}

interface Props {
  /** Set: 代申报 by a grid worker for this household (all items); unset: for one's own household. */
  onBehalfOf?: OnBehalfOf;
}

const CAP_PERIOD_LABELS = { month: '每月', quarter: '每季度', year: '每年' } as const;

function itemNotes(item: CatalogueItem): string[] {
  const notes: string[] = [];
  if (item.evidenceRequired) notes.push('需照片');
  if (item.cap) notes.push(`${CAP_PERIOD_LABELS[item.cap.period]}限 ${item.cap.times} 次`);
  return notes;
}

/** The 申报 form: pick a category and an item of the catalogue in force, describe the deed, add photos. */
const SubmitForm: FC<Props> = ({ onBehalfOf }) => {
  const [deedDate, setDeedDate] = useState(today);
  // The catalogue in force on the deed's date decides the items and points.
  const catalogue = useRemote(() => call('catalogue', 'current', { date: deedDate }), { deps: [deedDate] });
  const [categoryCode, setCategoryCode] = useState<string | null>(null);
  const [itemCode, setItemCode] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // One id per form fill: a retry (or a double tap) after a lost answer never creates a second application.
  const requestId = useRef(newRequestId());
  const busy = useRef(false);
  const uploads = usePhotoUploads();

  /** Villagers see only the items they may report themselves; grid workers see all. */
  const categories: CatalogueCategory[] = useMemo(() => {
    const all = catalogue.data?.categories ?? [];
    return all
      .map((c) => ({ ...c, items: onBehalfOf ? c.items : c.items.filter((i) => i.selfReport) }))
      .filter((c) => c.items.length > 0);
  }, [catalogue.data, onBehalfOf]);

  const activeCategory = categories.find((c) => c.code === categoryCode) ?? categories[0] ?? null;
  const selected = useMemo(() => {
    for (const c of categories) {
      const item = c.items.find((i) => i.code === itemCode);
      if (item) return { category: c, item };
    }
    return null;
  }, [categories, itemCode]);

  const reset = () => {
    requestId.current = newRequestId();
    uploads.forget();
    setItemCode(null);
    setPlace('');
    setDescription('');
    setPhotos([]);
    setDeedDate(today());
  };

  const askSubscribe = useSubscribeAsk('submit');
  const submit = async () => {
    if (busy.current) return;
    if (!selected) return toast('请选择积分项目');
    if (!place.trim()) return toast('请填写地点');
    if (!description.trim()) return toast('请填写事情经过');
    if (selected.item.evidenceRequired && photos.length === 0) return toast(ERROR_MESSAGES.EVIDENCE_REQUIRED);
    // In the tap itself, before any await (WeChat allows it nowhere else): the 初审 and 评议 results of my own application.
    if (!onBehalfOf) askSubscribe();
    busy.current = true;
    setSubmitting(true);
    try {
      const fileIds = await uploads.upload(photos);
      const input = {
        requestId: requestId.current,
        itemCode: selected.item.code,
        deedDate,
        place: place.trim(),
        description: description.trim(),
        photos: fileIds,
      };
      const app = onBehalfOf
        ? await call('points', 'submitOnBehalf', { ...input, householdId: onBehalfOf.householdId })
        : await call('points', 'submit', input);
      toastSuccess('提交成功');
      reset();
      const url = route('application', { id: app._id });
      if (onBehalfOf) void Taro.redirectTo({ url });
      else void Taro.navigateTo({ url });
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };

  return (
    <View className="page submit">
      {onBehalfOf ? (
        <View className="card submit__behalf">
          <View className="card__title">代申报：{onBehalfOf.householdName}</View>
          <View className="muted">由网格员代为记录，提交后进入初审</View>
        </View>
      ) : null}

      <View className="section-title">1. 选择积分项目</View>
      <Status loading={catalogue.loading} error={catalogue.error} hasData={!!catalogue.data} onRetry={() => void catalogue.reload()}>
        {categories.length === 0 ? (
          <Empty description="本村积分目录中暂无可申报的项目" />
        ) : (
          <View>
            <View className="submit__categories">
              {categories.map((c) => (
                <View
                  key={c.code}
                  className={`submit__category${c.code === activeCategory?.code ? ' submit__category--active' : ''}`}
                  onClick={() => setCategoryCode(c.code)}
                >
                  {c.name}
                </View>
              ))}
            </View>
            <View className="submit__items">
              {(activeCategory?.items ?? []).map((item) => {
                const isSelected = item.code === itemCode;
                return (
                  <View
                    key={item.code}
                    className={`submit__item${isSelected ? ' submit__item--selected' : ''}`}
                    onClick={() => setItemCode(item.code)}
                  >
                    <View className="submit__item-main">
                      <Text className="submit__item-name">{item.name}</Text>
                      <View className="submit__item-notes">
                        {itemNotes(item).map((n) => (
                          <View key={n} className="tags__item">
                            <Tag type={n === '需照片' ? 'warning' : 'default'} plain>
                              {n}
                            </Tag>
                          </View>
                        ))}
                      </View>
                    </View>
                    <Text className={item.points >= 0 ? 'points--plus' : 'points--minus'}>{itemPointsText(item)}</Text>
                    {isSelected ? <Text className="submit__check">✓</Text> : null}
                  </View>
                );
              })}
            </View>
          </View>
        )}
      </Status>

      <View className="section-title">2. 填写事情经过</View>
      <CellGroup inset>
        {selected ? (
          <Cell
            title="已选项目"
            value={itemPointsText(selected.item)}
            label={`${selected.category.name} · ${selected.item.name}`}
          />
        ) : (
          <Cell title="已选项目" value="请在上方选择" />
        )}
        <Picker mode="date" value={deedDate} end={today()} onChange={(e) => setDeedDate(String(e.detail.value))}>
          <Cell title="发生日期" value={deedDate} isLink />
        </Picker>
        <Field label="地点" value={place} placeholder="例如：村委会门口" maxlength={100} required onChange={setPlace} />
        <Field
          label="事情经过"
          type="textarea"
          value={description}
          placeholder="谁、做了什么、结果如何"
          maxlength={500}
          autosize
          showWordLimit
          required
          onChange={setDescription}
        />
      </CellGroup>

      <View className="section-title">
        照片（最多 {DEFAULT_POLICY.maxPhotos} 张{selected?.item.evidenceRequired ? '，本项目需照片' : '，可不传'}）
      </View>
      <View className="card">
        <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
      </View>

      <View className="actions">
        <Button type="primary" block round loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {onBehalfOf ? '提交代申报' : '提交申报'}
        </Button>
      </View>
    </View>
  );
};

export default SubmitForm;
