import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { WhoAmI } from '@domain/api/index';
import { route, type PageName } from '../../../constants/routes';
import { onboardingAccess } from '../../../utils/onboardingAccess';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 镇村上线, 评议监督小组, 一户一码, 绑定记录, 家庭成员与加入申请 — only the ones the person may open. */
export default function OnboardingEntries({ me }: { me: WhoAmI }) {
  const may = onboardingAccess(me);
  if (!may.town && !may.villageAdmin && !may.bindingLog && !may.joinDecider && !may.householdHead) return null;
  const go = (page: PageName) => void Taro.navigateTo({ url: route(page) });
  return (
    <View>
      <View className="section-title">上线与绑定</View>
      <CellGroup inset>
        {may.town ? <Cell title="镇村上线" label="各村进度、新建村、邀请村管理员" isLink onClick={() => go('townSetup')} /> : null}
        {may.villageAdmin ? <Cell title="评议监督小组" label="任命评议小组（组长）、监督小组、超市店员" isLink onClick={() => go('committee')} /> : null}
        {may.villageAdmin ? <Cell title="一户一码绑定卡" label="打印各户绑定卡，村民扫码绑定微信" isLink onClick={() => go('cards')} /> : null}
        {may.bindingLog ? <Cell title="绑定记录" label={may.villageAdmin ? '谁绑定、解绑、被任命；为丢失手机的村民解绑' : '谁绑定、解绑、被任命'} isLink onClick={() => go('bindingLog')} /> : null}
        {may.householdHead || may.joinDecider ? (
          <Cell title={may.householdHead ? '家庭成员与加入申请' : '加入申请'} label={may.householdHead ? '添加、修改家庭成员，处理加入本户的申请' : '处理本网格住户的加入申请'} isLink onClick={() => go('household')} />
        ) : null}
      </CellGroup>
    </View>
  );
}
