import { useRef, useState } from 'react';
import { ScrollView, Switch, Text, View } from '@tarojs/components';
import { STOCK_MOVE_LABELS, type Goods } from '@domain/shop/types';
import type { GoodsView } from '@domain/api/shop';
import { HELD_MESSAGES } from '@domain/moderation/verdicts';
import { call, uploadPhoto } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { pickPhotos } from '../../services/pickPhotos';
import { useRemote } from '../../hooks/useRemote';
import { formatTime, yuan } from '../../utils/format';
import GoodsCard from '../../components/goods-card';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Popup from '../../components/vant/popup';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import { PhotoPicker } from '../../components/photos';

type Form = { kind: 'edit'; goods: GoodsView | null } | { kind: 'in'; goods: Goods } | { kind: 'out'; goods: Goods } | { kind: 'moves'; goods: Goods };

const POSITIVE_INT = /^[1-9]\d*$/;
const MONEY = /^\d+(\.\d{1,2})?$/;

/** Runs a save once at a time; the form's requestId is renewed only after a success. */
function useSave() {
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      await work();
    } catch (e) {
      showError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return { saving, run };
}

function GoodsForm({ goods, onDone }: { goods: GoodsView | null; onDone: () => void }) {
  const [name, setName] = useState(goods?.name ?? '');
  const [price, setPrice] = useState(goods ? String(goods.price) : '');
  const [active, setActive] = useState(goods?.active ?? true);
  // The photo shown: the stored one's URL (kept), a newly chosen local file (uploaded on save), or none.
  const original = goods?.photoUrl ?? null;
  const [photo, setPhoto] = useState<string[]>(original ? [original] : []);
  // Local file → its uploaded file id, so a retried save does not upload twice.
  const uploaded = useRef(new Map<string, string>());
  const { saving, run } = useSave();

  const replacePhoto = async () => {
    const [picked] = await pickPhotos(1);
    if (picked) setPhoto([picked]);
  };

  /** The photo field to send: the stored id when unchanged, null when removed, else the new upload's id. */
  const photoId = async (): Promise<string | null> => {
    const path = photo[0] ?? null;
    if (path === null) return null;
    if (goods && path === original) return goods.photo;
    const done = uploaded.current.get(path);
    if (done) return done;
    const id = await uploadPhoto(path, 'goods');
    uploaded.current.set(path, id);
    return id;
  };

  const save = () =>
    run(async () => {
      if (!name.trim()) return toast('请填写商品名称');
      if (!POSITIVE_INT.test(price.trim())) return toast('积分价格必须是正整数');
      const photoField = await photoId();
      await call('shop', 'saveGoods', {
        ...(goods ? { goodsId: goods._id } : {}),
        name: name.trim(),
        price: Number(price.trim()),
        photo: photoField,
        active,
      });
      toastSuccess(goods ? '已保存' : '已添加');
      onDone();
    });
  return (
    <View>
      <CellGroup inset>
        <Field label="商品名称" value={name} placeholder="例如 洗衣粉 1kg" maxlength={40} required onChange={setName} />
        <Field label="积分价格" type="number" value={price} placeholder="1 积分约 1 元" required onChange={setPrice} />
      </CellGroup>
      <View className="card admin__photo">
        <View className="card__row">
          <Text>商品照片</Text>
          {photo.length > 0 ? (
            <View className="admin__photo-actions">
              <Text className="admin__link" onClick={() => void replacePhoto()}>
                更换
              </Text>
              <Text className="admin__link admin__link--danger" onClick={() => setPhoto([])}>
                删除
              </Text>
            </View>
          ) : (
            <Text className="muted">选填，村民在超市页看到</Text>
          )}
        </View>
        <PhotoPicker value={photo} max={1} onChange={setPhoto} />
        {goods?.photoHeld && (photo[0] ?? null) === original ? <View className="admin__hint muted">{HELD_MESSAGES[goods.photoHeld]}</View> : null}
      </View>
      <View className="admin__switch">
        <Text>上架（村民可见、可兑换）</Text>
        <Switch checked={active} color="#07c160" onChange={(e) => setActive(!!e.detail.value)} />
      </View>
      {!goods ? <View className="admin__hint muted">新商品库存为 0，保存后用“入库”登记数量和进价。</View> : null}
      <View className="actions">
        <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
          保存商品
        </Button>
      </View>
    </View>
  );
}

function StockInForm({ goods, onDone }: { goods: Goods; onDone: () => void }) {
  const [quantity, setQuantity] = useState('');
  const [cost, setCost] = useState('');
  const [supplier, setSupplier] = useState('');
  const requestId = useRef(newRequestId());
  const { saving, run } = useSave();
  const save = () =>
    run(async () => {
      if (!POSITIVE_INT.test(quantity.trim())) return toast('数量必须是正整数');
      if (!MONEY.test(cost.trim())) return toast('请填写进货总价（元），最多两位小数');
      await call('shop', 'stockIn', {
        requestId: requestId.current,
        goodsId: goods._id,
        quantity: Number(quantity.trim()),
        costYuan: Number(cost.trim()),
        ...(supplier.trim() ? { supplier: supplier.trim() } : {}),
      });
      requestId.current = newRequestId();
      toastSuccess('已入库');
      onDone();
    });
  return (
    <View>
      <CellGroup inset>
        <Field label="入库数量" type="number" value={quantity} placeholder="件" required onChange={setQuantity} />
        <Field label="进货总价" type="text" value={cost} placeholder="元，例如 120.50" required onChange={setCost} />
        <Field label="供货方" value={supplier} placeholder="选填" maxlength={60} onChange={setSupplier} />
      </CellGroup>
      <View className="admin__hint muted">进货总价计入基金池支出（采购商品）和库存价值。</View>
      <View className="actions">
        <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
          确认入库
        </Button>
      </View>
    </View>
  );
}

function StockOutForm({ goods, onDone }: { goods: Goods; onDone: () => void }) {
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const requestId = useRef(newRequestId());
  const { saving, run } = useSave();
  const save = () =>
    run(async () => {
      if (!POSITIVE_INT.test(quantity.trim())) return toast('数量必须是正整数');
      if (Number(quantity.trim()) > goods.stock) return toast(`库存只有 ${goods.stock} 件`);
      if (reason.trim().length < 2) return toast('请填写报损原因');
      await call('shop', 'stockOut', { requestId: requestId.current, goodsId: goods._id, quantity: Number(quantity.trim()), reason: reason.trim() });
      requestId.current = newRequestId();
      toastSuccess('已报损出库');
      onDone();
    });
  return (
    <View>
      <CellGroup inset>
        <Field label="报损数量" type="number" value={quantity} placeholder={`现有 ${goods.stock} 件`} required onChange={setQuantity} />
        <Field label="报损原因" type="textarea" value={reason} placeholder="例如 过期、受潮、破损" maxlength={200} autosize required onChange={setReason} />
      </CellGroup>
      <View className="actions">
        <Button type="danger" block round loading={saving} disabled={saving} onClick={() => void save()}>
          确认报损
        </Button>
      </View>
    </View>
  );
}

function StockMoves({ goods }: { goods: Goods }) {
  const moves = useRemote(() => call('shop', 'stockMoves', { goodsId: goods._id }));
  const items = moves.data?.items ?? [];
  return (
    <ScrollView scrollY className="admin__moves">
      <Status loading={moves.loading} error={moves.error} hasData={!!moves.data} onRetry={() => void moves.reload()}>
        {items.length === 0 ? (
          <Empty description="还没有库存记录" />
        ) : (
          <View className="card">
            {items.map((m) => (
              <View key={m._id} className="admin__move">
                <View className="card__row">
                  <Text>
                    {STOCK_MOVE_LABELS[m.kind]}
                    {m.costFen !== null ? ` · ${yuan(m.costFen)}` : ''}
                  </Text>
                  <Text className={m.delta > 0 ? 'points--plus' : 'points--minus'}>
                    {m.delta > 0 ? `+${m.delta}` : m.delta} 件
                  </Text>
                </View>
                <View className="card__row muted">
                  <Text>
                    {formatTime(m.at)} · {m.actorName}
                    {m.reason ? ` · ${m.reason}` : ''}
                  </Text>
                  {m.stockAfter === null ? null : <Text>余 {m.stockAfter}</Text>}
                </View>
              </View>
            ))}
          </View>
        )}
      </Status>
    </ScrollView>
  );
}

const FORM_TITLES = { edit: '商品', in: '入库', out: '报损出库', moves: '库存记录' } as const;

/** Goods incl. inactive ones; add/edit, stock in with cost, stock out for loss, moves per goods. */
export default function GoodsTab() {
  const goods = useRemote(() => call('shop', 'goods', { includeInactive: true }), { onShow: true });
  const [form, setForm] = useState<Form | null>(null);
  // A new key per opening: every form starts empty with a fresh requestId.
  const [opened, setOpened] = useState(0);
  const open = (f: Form) => {
    setOpened((n) => n + 1);
    setForm(f);
  };
  const done = () => {
    setForm(null);
    void goods.reload();
  };
  const items = goods.data?.items ?? [];
  const title = form ? (form.kind === 'edit' ? (form.goods ? `编辑：${form.goods.name}` : '新增商品') : `${FORM_TITLES[form.kind]}：${form.goods.name}`) : '';
  return (
    <View>
      <View className="actions">
        <Button type="primary" block round onClick={() => open({ kind: 'edit', goods: null })}>
          新增商品
        </Button>
      </View>
      <Status loading={goods.loading} error={goods.error} hasData={!!goods.data} onRetry={() => void goods.reload()}>
        {items.length === 0 ? (
          <Empty description="还没有商品，先新增一个" />
        ) : (
          items.map((g) => (
            <View key={g._id} className="card admin__goods">
              <GoodsCard goods={g} note={g.stock > 0 ? `平均进价 ${yuan(g.unitCostFen)} / 件` : undefined} />
              <View className="admin__buttons">
                <View className="admin__btn"><Button size="small" round plain type="primary" onClick={() => open({ kind: 'edit', goods: g })}>
                  编辑
                </Button></View>
                <View className="admin__btn"><Button size="small" round plain type="primary" onClick={() => open({ kind: 'in', goods: g })}>
                  入库
                </Button></View>
                <View className="admin__btn"><Button size="small" round plain type="danger" onClick={() => open({ kind: 'out', goods: g })}>
                  报损
                </Button></View>
                <View className="admin__btn"><Button size="small" round plain type="info" onClick={() => open({ kind: 'moves', goods: g })}>
                  库存记录
                </Button></View>
              </View>
            </View>
          ))
        )}
      </Status>
      <Popup show={!!form} position="bottom" round closeable onClose={() => setForm(null)}>
        <View className="admin__popup" key={opened}>
          <View className="admin__popup-title">{title}</View>
          {form?.kind === 'edit' ? <GoodsForm goods={form.goods} onDone={done} /> : null}
          {form?.kind === 'in' ? <StockInForm goods={form.goods} onDone={done} /> : null}
          {form?.kind === 'out' ? <StockOutForm goods={form.goods} onDone={done} /> : null}
          {form?.kind === 'moves' ? <StockMoves goods={form.goods} /> : null}
        </View>
      </Popup>
    </View>
  );
}
