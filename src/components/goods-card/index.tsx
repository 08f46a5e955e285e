import type { FC, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { Goods } from '@domain/shop/types';
import Tag from '../vant/tag';
import './index.scss';

interface Props {
  goods: Goods;
  /** Right-hand side: a stepper at the cashier, buttons in 超市管理. */
  extra?: ReactNode;
  /** A line under the price (e.g. the admin's unit cost). */
  note?: string;
}

/** One goods line: name, point price, stock (售罄 at 0), 已下架 when inactive. */
const GoodsCard: FC<Props> = ({ goods, extra, note }) => (
  <View className={`goods${goods.stock === 0 || !goods.active ? ' goods--off' : ''}`}>
    <View className="goods__main">
      <View className="goods__name">
        <Text>{goods.name}</Text>
        {!goods.active ? (
          <View className="goods__tag">
            <Tag type="default" plain>
              已下架
            </Tag>
          </View>
        ) : goods.stock === 0 ? (
          <View className="goods__tag">
            <Tag type="danger" plain>
              售罄
            </Tag>
          </View>
        ) : null}
      </View>
      <View className="goods__meta">
        <Text className="goods__price">{goods.price} 分</Text>
        <Text className="muted goods__stock">库存 {goods.stock}</Text>
      </View>
      {note ? <View className="muted">{note}</View> : null}
    </View>
    {extra ? <View className="goods__extra">{extra}</View> : null}
  </View>
);

export default GoodsCard;
