/**
 * 一户一码绑定卡: every household's card of the village or one grid, laid out to print on A4
 * (H5: 打印 → several cards a page): door number, masked head name, the QR code of the welcome
 * page with the card's code, the code grouped, one line of instructions. 重新制卡 replaces a lost
 * card (the old code stops working at once).
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatCode } from '@domain/onboarding/codes';
import type { HouseholdCard } from '@domain/api/org';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { queryParam } from '../../utils/params';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import QrCode from '../../components/qr-code';
import '../../styles/onboarding.scss';
import './index.scss';

const ALL = 'all';

function Card({ villageName, card, busy, onRenew }: { villageName: string; card: HouseholdCard; busy: boolean; onRenew: () => void }) {
  return (
    <View className="hcard">
      <View className="hcard__village">
        {villageName} · {card.gridName}
      </View>
      <View className="hcard__door">{card.doorNo}</View>
      <View className="hcard__head">户主 {card.headName}</View>
      <View className="hcard__qr">
        <QrCode text={card.path} moduleSize={5} />
      </View>
      <View className="hcard__code">户码 {formatCode(card.code)}</View>
      <View className="hcard__tip">微信扫码，或打开乡约积分输入户码</View>
      <View className="hcard__renew">
        <Button size="small" round plain disabled={busy} onClick={onRenew}>
          重新制卡
        </Button>
      </View>
    </View>
  );
}

export default function CardsPage() {
  const { params } = useRouter();
  const [gridId, setGridId] = useState<string>(queryParam(params, 'gridId') || ALL);
  const grids = useRemote(() => call('grid', 'list', {}));
  const cards = useRemote(() => call('org', 'cards', gridId === ALL ? {} : { gridId }), { deps: [gridId] });
  const [renewed, setRenewed] = useState<Record<string, HouseholdCard>>({});
  const save = useSave();

  const renew = async (card: HouseholdCard) => {
    const { confirm } = await Taro.showModal({
      title: '重新制卡',
      content: `${card.doorNo} 的旧绑定卡将立即作废（已绑定的微信不受影响）。确定重新制卡？`,
    });
    if (!confirm) return;
    const fresh = await save.run(() => call('org', 'revokeCard', { householdId: card.householdId }), { success: '已重新制卡，请打印新卡' });
    if (fresh) setRenewed((m) => ({ ...m, [fresh.householdId]: fresh }));
  };

  const items = (cards.data?.items ?? []).map((c) => renewed[c.householdId] ?? c);
  const options = [{ value: ALL, label: '全村' }, ...(grids.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.householdCount}户）` }))];
  return (
    <View className="page">
      <View className="cards__tools">
        <Segmented options={options} value={gridId} onChange={setGridId} />
        <View className="ob__hint">
          每户一张，贴在门上或交给户主。村民用微信扫卡上的二维码，或在乡约积分里输入户码，选自己的名字即可绑定。
        </View>
        {process.env.TARO_ENV === 'h5' ? (
          <View className="actions">
            <Button type="primary" round block disabled={items.length === 0} onClick={() => window.print()}>
              打印（A4，每页 6 张）
            </Button>
          </View>
        ) : (
          <View className="ob__hint">打印请在电脑上打开本页。</View>
        )}
      </View>
      <Status loading={cards.loading} error={cards.error} hasData={!!cards.data} onRetry={() => void cards.reload()}>
        {items.length === 0 ? <Empty description="没有住户：请先导入住户名册" /> : null}
        <View className="cards__count ob__hint">
          <Text>
            共 {items.length} 张
          </Text>
        </View>
        <View className="cards__sheet">
          {items.map((c) => (
            <Card key={c.householdId} villageName={cards.data?.villageName ?? ''} card={c} busy={save.busy} onRenew={() => void renew(c)} />
          ))}
        </View>
      </Status>
    </View>
  );
}
