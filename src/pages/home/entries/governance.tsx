import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { actorFromWhoAmI } from '@domain/access/actor';
import { vetoGates } from '@domain/veto/policy';
import { catalogueGates } from '@domain/catalogue/policy';
import { mayReadReceipts } from '@domain/shop/policy';
import type { WhoAmI } from '@domain/api/index';
import { route, type PageName } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 积分目录、一票否决、目录备案、村规设置、监督兑换. Only the links a person's roles open. */
export default function GovernanceEntries({ me }: { me: WhoAmI }) {
  // The same gates the functions check: a link shows only where the call would be let through.
  const who = actorFromWhoAmI(me);
  const reviewer = admits(vetoGates.record, who);
  const supervisor = admits(vetoGates.countersign, who);
  const vetoReader = admits(vetoGates.read, who) && !!me.village;
  const admin = admits(catalogueGates.draft, who);
  const town = admits(catalogueGates.townQueue, who);
  const rules = admits(catalogueGates.getRules, who);
  const oversee = supervisor && mayReadReceipts(who, 'village').ok;
  const go = (page: PageName, query?: Record<string, string>) => void Taro.navigateTo({ url: route(page, query) });
  if (!me.village && !town) return null;
  return (
    <View>
      <View className="section-title">村规民约</View>
      <CellGroup inset>
        {me.village ? <Cell title="积分目录" label="本村现行积分项目和分值" isLink onClick={() => go('catalogue')} /> : null}
        {vetoReader ? (
          <Cell title="一票否决" label={supervisor ? '监督小组：会签评议小组登记的事项' : reviewer ? '评议小组：登记负面清单事项' : '本村一票否决记录'} isLink onClick={() => go('veto')} />
        ) : me.household ? (
          <Cell title="本户一票否决" isLink onClick={() => go('veto')} />
        ) : null}
        {admin ? <Cell title="积分目录修订" label="修订下一年度目录，报镇备案" isLink onClick={() => go('catalogueAdmin')} /> : null}
        {town ? <Cell title="积分目录备案" label="审核各村报备的积分目录" isLink onClick={() => go('catalogueAdmin')} /> : null}
        {rules ? <Cell title="村规设置" label="审核、公示、基础评分、一票否决、年底处理" isLink onClick={() => go('rules')} /> : null}
        {oversee ? <Cell title="兑换监督" label="全村兑换记录" isLink onClick={() => go('receipts', { scope: 'village' })} /> : null}
      </CellGroup>
    </View>
  );
}
