import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import GoodsCard from '../../components/goods-card';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import { useElderClass } from '../../hooks/useElder';
import './index.scss';

/** 积分超市: what the village shop offers, at what point price, and how many are left. */
export default function ShopPage() {
  const elder = useElderClass();
  const goods = useRemote(() => call('shop', 'goods', {}), { onShow: true, pullDown: true });
  const items = goods.data?.items ?? [];
  return (
    <View className={`page ${elder}`}>
      <View className="card">
        <View className="card__title">励志超市</View>
        <View className="muted">1 积分约等于 1 元商品，只换商品不兑现金。兑换时在“兑换码”页出示兑换码。</View>
      </View>
      <Status loading={goods.loading} error={goods.error} hasData={!!goods.data} onRetry={() => void goods.reload()}>
        {items.length === 0 ? (
          <View className="card shop__empty">
            <Empty description="超市暂时没有上架的商品" />
            <View className="shop__empty-text">村里上架商品后，这里会列出每样商品要用多少积分、还剩几件。您家的积分照常记着，有了商品就能来换。</View>
            <View className="actions">
              <Button block round plain type="primary" onClick={() => void Taro.switchTab({ url: route('points') })}>
                看看我家积分
              </Button>
            </View>
          </View>
        ) : (
          <View className="card">
            {items.map((g) => (
              <GoodsCard key={g._id} goods={g} />
            ))}
          </View>
        )}
      </Status>
      {goods.data && items.length === 0 ? null : (
        <View className="actions">
          <Button type="primary" block round onClick={() => void Taro.navigateTo({ url: route('code') })}>
            出示兑换码
          </Button>
        </View>
      )}
    </View>
  );
}
