import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import type { PoolView } from '@domain/fund/types';
import { yuan } from '../../utils/format';
import './index.scss';

interface Props {
  title: string;
  pool: Omit<PoolView, 'villageId' | 'villageName'>;
}

/** 基金池 figures: money in/out, pool, stock value, outstanding points as a liability, and the warning. */
const PoolCard: FC<Props> = ({ title, pool }) => (
  <View className={`card pool${pool.warning ? ' pool--warning' : ''}`}>
    <View className="card__title">{title}</View>
    <View className="pool__grid">
      <View className="pool__cell">
        <View className="pool__value">{yuan(pool.poolFen)}</View>
        <View className="muted">资金池余额</View>
      </View>
      <View className="pool__cell">
        <View className="pool__value">{yuan(pool.stockValueFen)}</View>
        <View className="muted">库存价值</View>
      </View>
      <View className="pool__cell">
        <View className="pool__value">{yuan(pool.moneyInFen)}</View>
        <View className="muted">累计收入</View>
      </View>
      <View className="pool__cell">
        <View className="pool__value">{yuan(pool.moneyOutFen)}</View>
        <View className="muted">累计支出</View>
      </View>
    </View>
    <View className="pool__liability card__row">
      <Text>未兑换积分 {pool.outstandingPoints} 分（负债）</Text>
      <Text className="pool__value">{yuan(pool.liabilityFen)}</Text>
    </View>
    {pool.warning ? <View className="pool__warning">⚠ {pool.warning}</View> : null}
  </View>
);

export default PoolCard;
