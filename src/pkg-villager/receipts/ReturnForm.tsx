import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Receipt } from '@domain/shop/types';
import { returnable } from '@domain/shop/returns';
import { call } from '../../services/api';
import { newRequestId } from '../../services/requestId';
import { toast } from '../../services/feedback';
import { useSave } from '../../hooks/useSave';
import Stepper from '../../components/stepper';
import Field from '../../components/vant/field';
import CellGroup from '../../components/vant/cell-group';
import Button from '../../components/vant/button';

interface Props {
  receipt: Receipt;
  /** The receipt as the server answered, with the return on it. */
  onDone: (receipt: Receipt) => void;
  onCancel: () => void;
}

/**
 * 退货 of one receipt (clerk or village admin): how many of each goods come back (at most what
 * is left on the receipt), why; points and stock come back together on the server.
 */
export default function ReturnForm({ receipt, onDone, onCancel }: Props) {
  const left = returnable(receipt);
  const lines = receipt.lines.filter((l) => (left.get(l.goodsId) ?? 0) > 0);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const save = useSave();
  // One request per return: a repeated tap or a retry after a lost answer is the same return.
  const requestId = useRef(newRequestId());

  const chosen = lines.filter((l) => (qty[l.goodsId] ?? 0) > 0).map((l) => ({ goodsId: l.goodsId, quantity: qty[l.goodsId] }));
  const points = lines.reduce((s, l) => s + (qty[l.goodsId] ?? 0) * l.price, 0);
  const step = (goodsId: string, max: number) => (d: 1 | -1) => setQty((q) => ({ ...q, [goodsId]: Math.min(max, Math.max(0, (q[goodsId] ?? 0) + d)) }));
  const all = () => setQty(Object.fromEntries(lines.map((l) => [l.goodsId, left.get(l.goodsId) ?? 0])));

  const submit = async () => {
    if (chosen.length === 0) return toast('请选择要退的商品和数量');
    if (reason.trim().length < 2) return toast('请填写退货原因');
    const r = await save.run(() => call('shop', 'returnGoods', { requestId: requestId.current, receiptId: receipt._id, lines: chosen, reason: reason.trim() }), {
      success: '已退货',
      quiet: true,
    });
    if (r) onDone(r);
  };

  return (
    <View className="card return-form">
      <View className="card__row">
        <Text className="card__title">退货</Text>
        <Text className="link" onClick={all}>
          全部退
        </Text>
      </View>
      {lines.map((l) => (
        <View key={l.goodsId} className="card__row return-form__line">
          <Text>
            {l.name}（{l.price} 分/件，还能退 {left.get(l.goodsId)} 件）
          </Text>
          <Stepper value={qty[l.goodsId] ?? 0} max={left.get(l.goodsId) ?? 0} disabled={save.busy} onStep={step(l.goodsId, left.get(l.goodsId) ?? 0)} />
        </View>
      ))}
      <CellGroup>
        <Field label="退货原因" type="textarea" value={reason} placeholder="例如 东西坏了、拿错了" maxlength={200} autosize required onChange={setReason} />
      </CellGroup>
      <View className="muted return-form__sum">退回 {points} 分，东西放回货架</View>
      {save.error ? <View className="points--minus return-form__error">{save.error}</View> : null}
      <View className="actions">
        <Button type="danger" block round loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
          确认退货
        </Button>
        <Button block round plain disabled={save.busy} onClick={onCancel}>
          不退了
        </Button>
      </View>
    </View>
  );
}
