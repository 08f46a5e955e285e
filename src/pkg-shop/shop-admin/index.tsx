import { useState } from 'react';
import { View } from '@tarojs/components';
import Tabs from '../../components/vant/tabs';
import GoodsTab from './GoodsTab';
import PolicyTab from './PolicyTab';
import GrantTab from './GrantTab';
import './index.scss';

const TITLES = ['商品与库存', '兑换日', '发放积分'];

/** 超市管理 (village admin): goods and stock, the redemption-day policy, audited point grants. */
export default function ShopAdminPage() {
  const [tab, setTab] = useState(0);
  return (
    <View className="page">
      <Tabs titles={TITLES} active={tab} onChange={setTab} />
      {tab === 0 ? <GoodsTab /> : tab === 1 ? <PolicyTab /> : <GrantTab />}
    </View>
  );
}
