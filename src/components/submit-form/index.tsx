import { useMemo, useRef, useState, type FC } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { CatalogueCategory, CatalogueItem } from '@domain/catalogue/types';
import { itemOpenTo } from '@domain/points/submitRules';
import { call } from '../../services/api';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { enqueue, isNetworkError } from '../../services/outbox';
import { useRemote } from '../../hooks/useRemote';
import { useElderClass } from '../../hooks/useElder';
import { route } from '../../constants/routes';
import { itemPointsText, today } from '../../utils/format';
import Button from '../vant/button';
import Cell from '../vant/cell';
import CellGroup from '../vant/cell-group';
import Field from '../vant/field';
import Tag from '../vant/tag';
import Empty from '../vant/empty';
import Status from '../status';
import Segmented from '../segmented';
import { SOURCE_FORMS, type OtherSource } from './sources';
import { PhotoPicker } from '../photos';
import Outbox from '../outbox';
import './index.scss';
import { useSubscribeAsk } from '../../hooks/useSubscribeAsk';

export interface OnBehalfOf {
  householdId: string;
  /** As the grid worker sees it, e.g. "张三（3号）". */
  householdName: string;
  /** Who records it (default 代申报 by the grid worker): 举报/推荐, 走访, 上级检查. */
  source?: OtherSource;
  /** The household's village when picked (the town admin's inspection): its catalogue is the one in force. */
  villageId?: string;
}

interface Props {
  /** Set: a deed of this household recorded by someone else (代申报, 举报/推荐, 走访, 检查); unset: for one's own household. */
  onBehalfOf?: OnBehalfOf;
}

/**
 * 是谁做的: the household's members to name (default: the submitter, or the head when someone
 * outside records it). Not offered on a villager's report of another household (its members
 * are not theirs to read).
 */
function MemberPicker({ householdId, value, onChange }: { householdId: string | null; value: string | null; onChange: (id: string | null) => void }) {
  const members = useRemote(() => call('points', 'members', householdId ? { householdId } : {}));
  const people = members.data?.people ?? [];
  if (people.length < 2) return null;
  return (
    <View>
      <View className="section-title">是家里哪一位做的</View>
      <View className="card">
        <Segmented
          options={people.map((p) => ({ value: p.id, label: p.relation ? `${p.name}（${p.relation}）` : p.name }))}
          value={value}
          onChange={(id) => onChange(id === value ? null : id)}
        />
        <View className="muted">{value ? '再点一下可取消' : householdId ? '不选就记在户主名下' : '不选就记在您自己名下'}</View>
      </View>
    </View>
  );
}

const POPULAR = '__popular';

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
  const villageId = onBehalfOf?.villageId;
  const catalogue = useRemote(() => call('catalogue', 'current', { date: deedDate, ...(villageId ? { villageId } : {}) }), { deps: [deedDate, villageId] });
  const [categoryCode, setCategoryCode] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [itemCode, setItemCode] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [memberId, setMemberId] = useState<string | null>(null);
  const form = onBehalfOf ? SOURCE_FORMS[onBehalfOf.source ?? 'behalf'] : null;
  const source = form?.source ?? 'self';
  const [submitting, setSubmitting] = useState(false);
  // One id per form fill: a retry (or a double tap) after a lost answer never creates a second application.
  const requestId = useRef(newRequestId());
  const busy = useRef(false);
  const uploads = usePhotoUploads();
  const elder = useElderClass();

  /** The items this source may record (the catalogue's rules, src/domain/points/submitRules.ts). */
  const categories: CatalogueCategory[] = useMemo(() => {
    const all = catalogue.data?.categories ?? [];
    return all.map((c) => ({ ...c, items: c.items.filter((i) => itemOpenTo(c, i, source)) })).filter((c) => c.items.length > 0);
  }, [catalogue.data, source]);

  // 常用: the village's most reported items first; otherwise the category with the most items (not 社会治安类 by order alone).
  const popular: CatalogueCategory | null = useMemo(() => {
    const codes = catalogue.data?.popular ?? [];
    const all = categories.flatMap((c) => c.items);
    const items = codes.map((code) => all.find((i) => i.code === code)).filter((i): i is CatalogueItem => !!i);
    return items.length > 0 ? { code: POPULAR, name: '常用', subject: 'household', items } : null;
  }, [catalogue.data, categories]);
  const tabs = popular ? [popular, ...categories] : categories;
  const fallback = [...categories].sort((a, b) => b.items.length - a.items.length)[0] ?? null;
  const activeCategory = tabs.find((c) => c.code === categoryCode) ?? popular ?? fallback;
  const q = search.trim();
  const shownItems = q
    ? categories.flatMap((c) => c.items).filter((i) => i.name.includes(q))
    : (activeCategory?.items ?? []);
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
    setMemberId(null);
    setDeedDate(today());
  };

  const askSubscribe = useSubscribeAsk('submit');
  const submit = async () => {
    if (busy.current) return;
    if (!selected) return toast('请选择积分项目');
    if (!place.trim()) return toast('请填写地点');
    if (!description.trim()) return toast('请填写事情经过');
    if (selected.item.evidenceRequired && photos.length === 0) return toast(ERROR_MESSAGES.EVIDENCE_REQUIRED);
    if (source === 'villager_report' && selected.item.points < 0 && photos.length === 0) return toast('举报扣分的事必须拍照');
    // In the tap itself, before any await (WeChat allows it nowhere else): the 初审 and 评议 results of my own application.
    if (!onBehalfOf) askSubscribe();
    busy.current = true;
    setSubmitting(true);
    const base = {
      requestId: requestId.current,
      itemCode: selected.item.code,
      deedDate,
      place: place.trim(),
      description: description.trim(),
      ...(memberId ? { memberId } : {}),
    };
    try {
      const fileIds = await uploads.upload(photos);
      const input = { ...base, photos: fileIds };
      const app = onBehalfOf && form
        ? await call('points', form.action, { ...input, householdId: onBehalfOf.householdId })
        : await call('points', 'submit', input);
      toastSuccess('提交成功');
      reset();
      const url = route('application', { id: app._id, submitted: 1 });
      if (onBehalfOf) void Taro.redirectTo({ url });
      else void Taro.navigateTo({ url });
    } catch (e) {
      if (!isNetworkError(e)) {
        showError(e);
        return;
      }
      // The network let it down: keep it on the phone (same requestId), send it when it can.
      const done = uploads.uploadedOf(photos);
      const label = `${onBehalfOf && form ? `${form.title} ${onBehalfOf.householdName}` : '申报'}：${selected.item.name}`;
      const rest = photos.filter((p) => !done.has(p));
      const photoIds = photos.filter((p) => done.has(p)).map((p) => done.get(p) as string);
      if (onBehalfOf && form) enqueue('points', form.action, { ...base, photos: photoIds, householdId: onBehalfOf.householdId }, label, rest);
      else enqueue('points', 'submit', { ...base, photos: photoIds }, label, rest);
      reset();
      toast('网络不好，已保存为待发送，联网后自动发送');
      // Stay here: the form shows it under 待发送 (another page may not even load while offline).
      if (onBehalfOf) void Taro.navigateBack();
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };

  return (
    <View className={`page submit ${elder}`}>
      {onBehalfOf && form ? (
        <View className="card submit__behalf">
          <View className="card__title">
            {form.title}：{onBehalfOf.householdName}
          </View>
          <View className="muted">{form.note}</View>
        </View>
      ) : null}

      {onBehalfOf ? null : <Outbox />}
      <View className="section-title">1. 选择积分项目</View>
      <Status loading={catalogue.loading} error={catalogue.error} hasData={!!catalogue.data} onRetry={() => void catalogue.reload()}>
        {categories.length === 0 ? (
          <Empty description="本村积分目录中暂无可申报的项目" />
        ) : (
          <View>
            <View className="submit__search">
              <Input
                className="submit__search-input"
                value={search}
                placeholder="搜索项目，例如：志愿、卫生"
                maxlength={20}
                confirmType="search"
                onInput={(e) => setSearch(e.detail.value)}
              />
            </View>
            <View className="submit__categories">
              {tabs.map((c) => (
                <View
                  key={c.code}
                  className={`submit__category${!q && c.code === activeCategory?.code ? ' submit__category--active' : ''}`}
                  onClick={() => {
                    setSearch('');
                    setCategoryCode(c.code);
                  }}
                >
                  {c.name}
                </View>
              ))}
            </View>
            <View className="submit__items">
              {q && shownItems.length === 0 ? <Empty description={`没有找到“${q}”，换个词试试`} /> : null}
              {shownItems.map((item) => {
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

      {source === 'villager_report' ? null : (
        <MemberPicker key={onBehalfOf?.householdId ?? 'own'} householdId={onBehalfOf?.householdId ?? null} value={memberId} onChange={setMemberId} />
      )}

      <View className="section-title">
        照片（最多 {DEFAULT_POLICY.maxPhotos} 张
        {selected ? (selected.item.evidenceRequired ? '，本项目必须有照片' : '，本项目可不传') : '，标“需照片”的项目必须有照片'}）
      </View>
      <View className="card">
        <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
      </View>

      <View className="actions">
        <Button type="primary" block round loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {form ? form.button : '提交申报'}
        </Button>
      </View>
    </View>
  );
};

export default SubmitForm;
