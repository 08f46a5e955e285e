import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { gridGates } from '@domain/grid/policy';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 网格管理、住户名册、导入、人员台账. Renders nothing for people without these roles. */
export default function GridAdminEntries({ me }: { me: WhoAmI }) {
  // The same gates the grid function checks: the tree and 台账 for overseers, editing for the village admin.
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  const villageAdmin = admits(gridGates.admin, who);
  if (!admits(gridGates.oversee, who)) return null;
  const go = (page: 'gridAdmin' | 'rosterImport' | 'peopleLedger') => void Taro.navigateTo({ url: route(page) });
  return (
    <View>
      <View className="section-title">网格与住户</View>
      <CellGroup inset>
        <Cell title="网格管理" label={villageAdmin ? '网格、网格长/员、调整住户、不漏户提醒' : '各村网格与不漏户提醒'} isLink onClick={() => go('gridAdmin')} />
        {villageAdmin ? <Cell title="导入住户名册" label="粘贴或选择表格，先检查再导入" isLink onClick={() => go('rosterImport')} /> : null}
        <Cell title="人员信息分布台账" label="各网格户数、人数与关注标签，可导出" isLink onClick={() => go('peopleLedger')} />
      </CellGroup>
    </View>
  );
}
