import type { FC, ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { GoodsView } from '@domain/api/shop';
import Tag from '../vant/tag';
import './index.scss';

interface Props {
  goods: GoodsView;
  /** Right-hand side: a stepper at the cashier, buttons in 超市管理. */
  extra?: ReactNode;
  /** A line under the price (e.g. the admin's unit cost). */
  note?: string;
}

/** The goods' photo as a small square (tap to see it large), or a placeholder when it has none. */
export const GoodsThumb: FC<{ url: string | null | undefined; name: string }> = ({ url, name }) =>
  url ? (
    <View className="goods__thumb" onClick={() => void Taro.previewImage({ urls: [url], current: url })}>
      <Image className="goods__photo" src={url} mode="aspectFill" lazyLoad ariaLabel={`${name}的照片`} />
    </View>
  ) : (
    // No photo yet: a coloured tile with the goods' first character (every colour passes AA with white).
    <View className="goods__thumb goods__thumb--none" style={{ background: TILE_COLORS[tileIndex(name)] }}>
      <Text className="goods__none">{Array.from(name)[0] ?? '货'}</Text>
    </View>
  );

const TILE_COLORS = ['#06793f', '#1a5fb4', '#a35200', '#7c3aed', '#0f766e', '#be185d', '#b45309', '#4338ca'];
function tileIndex(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003;
  return h % TILE_COLORS.length;
}

/** One goods line: photo, name, point price, stock (售罄 at 0), 已下架 when inactive. */
const GoodsCard: FC<Props> = ({ goods, extra, note }) => (
  <View className={`goods${goods.stock === 0 || !goods.active ? ' goods--off' : ''}`}>
    <GoodsThumb url={goods.photoUrl} name={goods.name} />
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
