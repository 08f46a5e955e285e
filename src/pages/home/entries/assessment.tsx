import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { hasRole } from '@domain/org/roles';
import { admits } from '@domain/access/gate';
import { assessmentGates } from '@domain/grid/assessmentPolicy';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 网格员积分评定与台账. Renders nothing for people without these roles. */
export default function AssessmentEntries({ me }: { me: WhoAmI }) {
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  const leads = admits(assessmentGates.assess, who);
  // Only a worker is assessed (a leader assesses and is not assessed): "mine" is theirs.
  const works = hasRole(me.roles, 'grid_worker');
  const ledger = admits(assessmentGates.ledger, who);
  if (!leads && !works && !ledger) return null;
  return (
    <View>
      <View className="section-title">网格员积分评定</View>
      <CellGroup inset>
        {leads ? <Cell title="网格员积分评定" label="网格长：每月评定本网格网格员" isLink onClick={() => void Taro.navigateTo({ url: route('assessment') })} /> : null}
        {works ? <Cell title="我的积分评定" label="每月发布的走访、巡查、上报、解决得分" isLink onClick={() => void Taro.navigateTo({ url: route('assessment', { view: 'mine' }) })} /> : null}
        {ledger ? <Cell title="网格员积分评定台账" label="各网格每月评定结果，可导出" isLink onClick={() => void Taro.navigateTo({ url: route('assessmentLedger') })} /> : null}
      </CellGroup>
    </View>
  );
}
