import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { CATALOGUE_STATUS_LABELS, type CatalogueCategory, type CatalogueItem } from '@domain/catalogue/types';
import { call } from '../../services/api';
import { showError, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { itemPointsText } from '../../utils/format';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import ItemEditor from './ItemEditor';

/** A code for a new item of a category: the category code and the next free number. */
function nextCode(categories: CatalogueCategory[], cat: CatalogueCategory): string {
  const used = new Set(categories.flatMap((c) => c.items.map((i) => i.code)));
  for (let n = cat.items.length + 1; ; n++) {
    const code = `${cat.code}-${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
}

/** 村两委: edit the draft of next year's catalogue (a copy of the one in force), save, submit for 备案. */
export default function DraftTab() {
  const remote = useRemote(() => call('catalogue', 'draft', {}));
  const [categories, setCategories] = useState<CatalogueCategory[]>([]);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [editing, setEditing] = useState<{ cat: number; item: number } | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = remote.data?.draft;
    if (!d) return;
    setCategories(d.categories);
    setEffectiveFrom(d.effectiveFrom);
    setDirty(false);
  }, [remote.data]);

  const draft = remote.data?.draft;
  const editable = draft?.status === 'draft' || draft?.status === 'returned';
  const lastReturn = draft?.history?.filter((h) => h.action === 'return').at(-1);

  const change = (next: CatalogueCategory[]) => {
    setCategories(next);
    setDirty(true);
  };
  const putItem = (ci: number, ii: number, item: CatalogueItem | null) =>
    change(categories.map((c, i) => (i !== ci ? c : { ...c, items: item ? c.items.map((x, j) => (j === ii ? item : x)) : c.items.filter((_, j) => j !== ii) })));
  const addItem = (ci: number) => {
    const cat = categories[ci];
    const item: CatalogueItem = { code: nextCode(categories, cat), name: '新项目', points: 1, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: false, selfReport: true };
    change(categories.map((c, i) => (i === ci ? { ...c, items: [...c.items, item] } : c)));
    setEditing({ cat: ci, item: cat.items.length });
  };

  const run = async (what: 'save' | 'submit') => {
    if (busy) return;
    setBusy(true);
    try {
      if (what === 'save' || dirty) await call('catalogue', 'saveDraft', { effectiveFrom: effectiveFrom.trim(), categories });
      if (what === 'submit') await call('catalogue', 'submit', {});
      toastSuccess(what === 'save' ? '已保存草稿' : '已报镇备案');
      await remote.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const editingItem = editing ? (categories[editing.cat]?.items[editing.item] ?? null) : null;
  return (
    <Status loading={remote.loading} error={remote.error} hasData={!!remote.data} onRetry={() => void remote.reload()}>
      {draft ? (
        <View>
          <View className="card">
            <View className="card__row">
              <View className="card__title">第 {draft.version} 版（草稿）</View>
              <Tag type={draft.status === 'returned' ? 'danger' : draft.status === 'submitted' ? 'warning' : 'primary'}>{CATALOGUE_STATUS_LABELS[draft.status ?? 'filed']}</Tag>
            </View>
            <View className="muted">
              {remote.data?.inForce ? `复制自现行第 ${remote.data.inForce.version} 版（${remote.data.inForce.effectiveFrom} 起执行）` : '本村尚无现行目录'}
            </View>
            {lastReturn && draft.status === 'returned' ? <View className="muted">镇退回意见：{lastReturn.note}</View> : null}
            {draft.status === 'submitted' ? <View className="muted">已报镇备案，等待镇里审核</View> : null}
          </View>
          <CellGroup inset>
            <Field label="生效日期" value={effectiveFrom} placeholder="YYYY-MM-DD，默认次年 1 月 1 日" maxlength={10} onChange={(v) => { setEffectiveFrom(v); setDirty(true); }} />
          </CellGroup>
          {categories.map((c, ci) => (
            <View key={c.code}>
              <View className="section-title">{c.name}</View>
              <View className="card">
                {c.items.map((item, ii) => (
                  <View key={item.code} className="cadmin__item" onClick={() => (editable ? setEditing({ cat: ci, item: ii }) : undefined)}>
                    <View className="cadmin__item-name">
                      {item.code} {item.name}
                    </View>
                    <View className="cadmin__item-points">{itemPointsText(item)}</View>
                  </View>
                ))}
                {editable ? (
                  <View className="cadmin__add">
                    <Button size="small" plain round type="primary" onClick={() => addItem(ci)}>
                      添加项目
                    </Button>
                  </View>
                ) : null}
              </View>
            </View>
          ))}
          {editable ? (
            <View className="cadmin__buttons">
              <View className="cadmin__button">
                <Button block round loading={busy} disabled={busy} onClick={() => void run('save')}>
                  保存草稿
                </Button>
              </View>
              <View className="cadmin__button">
                <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void run('submit')}>
                  报镇备案
                </Button>
              </View>
            </View>
          ) : null}
          <ItemEditor
            item={editingItem}
            onClose={() => setEditing(null)}
            onSave={(i) => {
              if (editing) putItem(editing.cat, editing.item, i);
              setEditing(null);
            }}
            onDelete={() => {
              if (editing) putItem(editing.cat, editing.item, null);
              setEditing(null);
            }}
          />
        </View>
      ) : null}
    </Status>
  );
}
