import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import type { Receipt } from '@domain/shop/types';
import { netTotal } from '@domain/shop/returns';
import { formatTime, groupCode } from '../../utils/format';
import './index.scss';

interface Props {
  receipt: Receipt;
  /** The full receipt (cashier): a title and every line; otherwise a compact card. */
  full?: boolean;
}

/** A redemption receipt: goods, total, balance after, time, code, clerk, and any 退货 made on it. */
const ReceiptCard: FC<Props> = ({ receipt, full }) => (
  <View className={`card receipt${full ? ' receipt--full' : ''}`}>
    {full ? <View className="receipt__title">兑换成功</View> : null}
    <View className="card__row">
      <Text className="receipt__household">{receipt.householdLabel}</Text>
      <Text className="muted">{formatTime(receipt.at)}</Text>
    </View>
    <View className="receipt__lines">
      {receipt.lines.map((l) => (
        <View key={l.goodsId} className="receipt__line">
          <Text className="receipt__name">
            {l.name} × {l.quantity}
          </Text>
          <Text>{l.subtotal} 分</Text>
        </View>
      ))}
    </View>
    <View className="receipt__line receipt__total">
      <Text>合计</Text>
      <Text className="points--minus">-{receipt.total} 分</Text>
    </View>
    <View className="receipt__line">
      <Text className="muted">兑换后可兑换积分</Text>
      <Text className="receipt__after">{receipt.balanceAfter} 分</Text>
    </View>
    <View className="receipt__meta muted">
      兑换码 {groupCode(receipt.code)} · 店员 {receipt.clerkName}
    </View>
    {(receipt.returns ?? []).map((r) => (
      <View key={r.id} className="receipt__return">
        <View className="receipt__line">
          <Text className="receipt__return-title">
            已退货：{r.lines.map((l) => `${l.name} × ${l.quantity}`).join('，')}
          </Text>
          <Text className="points--plus">+{r.total} 分</Text>
        </View>
        <View className="muted">
          原因：{r.reason} · {r.actorName} · {formatTime(r.at)}
        </View>
      </View>
    ))}
    {receipt.returns?.length ? (
      <View className="receipt__line receipt__total">
        <Text>退货后实际用了</Text>
        <Text>{netTotal(receipt)} 分</Text>
      </View>
    ) : null}
  </View>
);

export default ReceiptCard;
