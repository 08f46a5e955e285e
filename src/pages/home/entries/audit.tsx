import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { auditGates, leadVillageOf } from '@domain/audit/policy';
import type { WhoAmI } from '@domain/api/index';
import { route } from '../../../constants/routes';
import Cell from '../../../components/vant/cell';
import CellGroup from '../../../components/vant/cell-group';

/** 首页 entries: 评议与公示 — 月度评议、基础评分 (reviewers, supervisors, village admin; town admin: months). Renders nothing for people without these roles. */
export default function AuditEntries({ me }: { me: WhoAmI }) {
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  if (!admits(auditGates.read, who)) return null;
  const reviewer = admits(auditGates.sign, who);
  const supervisor = admits(auditGates.freeze, who);
  const leader = leadVillageOf(me) !== null;
  const go = (page: 'audit' | 'baseScore') => void Taro.navigateTo({ url: route(page) });
  const auditLabel = reviewer
    ? leader
      ? '组长：签字评议，月初结账入账'
      : '逐件签字：通过、不通过、调整、认定虚假'
    : supervisor
      ? '监督：查看全部评议，可冻结'
      : '各月评议进度与逾期情况';
  return (
    <View>
      <View className="section-title">评议</View>
      <CellGroup inset>
        <Cell title="月度评议" label={auditLabel} isLink onClick={() => go('audit')} />
        {admits(auditGates.readBaseScores, who) ? <Cell title="基础评分" label="季度人居环境检查（0～100 分）" isLink onClick={() => go('baseScore')} /> : null}
      </CellGroup>
    </View>
  );
}
