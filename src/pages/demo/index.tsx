/**
 * 选择演示身份 — H5 demo mode only (not registered in the weapp build). Lists the people the
 * local server's demo data knows, grouped by their main role; tapping one makes this browser
 * act as them (X-Openid) and goes to 首页.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@domain/org/roles';
import { fetchDemoIdentities, getDemoOpenid, setDemoOpenid, type DemoIdentity } from '../../services/demo';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import './index.scss';

/** Most specific first: a grid worker who is also a villager is listed with the grid workers. */
const MAIN_ROLE_ORDER: Role[] = [
  'town_admin',
  'village_admin',
  'reviewer',
  'supervisor',
  'shop_clerk',
  'grid_leader',
  'grid_worker',
  'household_head',
  'villager',
];
/** Display order of the groups: the everyday users first. */
const GROUP_ORDER: Role[] = [
  'villager',
  'household_head',
  'grid_worker',
  'grid_leader',
  'reviewer',
  'supervisor',
  'shop_clerk',
  'village_admin',
  'town_admin',
];

function mainRole(p: DemoIdentity): Role | null {
  return MAIN_ROLE_ORDER.find((r) => p.roles.some((a) => a.role === r)) ?? null;
}

const NEW_USERS = '新微信用户（未绑定）';

function groupByRole(people: DemoIdentity[]): { title: string; people: DemoIdentity[] }[] {
  const groups = new Map<Role | null, DemoIdentity[]>();
  const fresh = people.filter((p) => p.unbound);
  for (const p of people) {
    if (p.unbound) continue;
    const r = mainRole(p);
    groups.set(r, [...(groups.get(r) ?? []), p]);
  }
  const out = GROUP_ORDER.filter((r) => groups.has(r)).map((r) => ({ title: ROLE_LABELS[r], people: groups.get(r) ?? [] }));
  if (groups.has(null)) out.push({ title: '其他', people: groups.get(null) ?? [] });
  if (fresh.length > 0) out.push({ title: NEW_USERS, people: fresh });
  return out;
}

export default function DemoPage() {
  const identities = useRemote(fetchDemoIdentities);
  const current = getDemoOpenid();

  const choose = (p: DemoIdentity) => {
    setDemoOpenid(p.openid);
    // Start over so every page loads as the new person.
    void Taro.reLaunch({ url: route('home') });
  };

  return (
    <View className="page">
      <View className="card demo__intro">
        <View className="card__title">演示模式</View>
        <View className="muted">请选择一个身份进入。每个身份看到的内容、能做的事不同，可随时在首页切换。选“新微信用户”可体验第一次使用时的绑定。</View>
      </View>
      <Status loading={identities.loading} error={identities.error} hasData={!!identities.data} onRetry={() => void identities.reload()}>
        {identities.data === null ? (
          <Empty image="error" description="服务器未开启演示模式" />
        ) : identities.data.length === 0 ? (
          <Empty description="暂无演示身份" />
        ) : (
          groupByRole(identities.data).map((g) => (
            <View key={g.title}>
              <View className="section-title">{g.title}</View>
              <CellGroup inset>
                {g.people.map((p) => (
                  <Cell
                    key={p.openid}
                    title={p.openid === current ? `${p.name}（当前）` : p.name}
                    label={p.summary}
                    isLink
                    onClick={() => choose(p)}
                  />
                ))}
              </CellGroup>
            </View>
          ))
        )}
      </Status>
      <View className="demo__foot">
        <Text className="muted">演示数据仅供体验，与真实村务无关</Text>
      </View>
    </View>
  );
}
