import type { FC } from 'react';
import { View } from '@tarojs/components';
import type { BalanceFigures } from '@domain/ledger/types';
import './index.scss';

interface Props {
  figures: BalanceFigures;
  title?: string;
  /** e.g. "一组3号 · 张三户" */
  subtitle?: string;
  onClick?: () => void;
}

/** 可兑换 / 待公示 / 已兑换: a household's three figures on the green card. */
const BalanceCard: FC<Props> = ({ figures, title = '户积分', subtitle, onClick }) => (
  <View className="card balance" onClick={onClick}>
    <View className="balance__head">
      <View className="card__title">{title}</View>
      {onClick ? <View className="balance__more">明细 ›</View> : null}
    </View>
    {subtitle ? <View className="balance__sub">{subtitle}</View> : null}
    <View className="balance__figures">
      <View className="balance__figure balance__figure--main">
        <View className="balance__value balance__redeemable">{figures.redeemable}</View>
        <View className="balance__label">可兑换</View>
      </View>
      <View className="balance__figure">
        <View className="balance__value balance__pending">{figures.pending}</View>
        <View className="balance__label">待公示</View>
      </View>
      <View className="balance__figure">
        <View className="balance__value balance__spent">{figures.spent}</View>
        <View className="balance__label">已兑换</View>
      </View>
    </View>
  </View>
);

export default BalanceCard;
