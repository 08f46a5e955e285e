import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, gridsWorked, hasRole } from '@domain/org/roles';
import type { WhoAmI } from '@domain/api/index';
import { call } from '../../services/api';
import { isDemo, needsDemoIdentity } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { route } from '../../constants/routes';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import BalanceCard from '../../components/balance';
import AuditEntries from './entries/audit';
import PublicityEntries from './entries/publicity';
import GovernanceEntries from './entries/governance';
import GridAdminEntries from './entries/gridAdmin';
import EventEntries from './entries/events';
import AssessmentEntries from './entries/assessment';
import OnboardingEntries from './entries/onboarding';
import InboxEntry from '../../components/inbox-entry';
import './index.scss';

function DemoSwitch() {
  if (!isDemo) return null;
  return (
    <View className="home__demo" onClick={() => void Taro.navigateTo({ url: route('demo') })}>
      <Text className="link">演示模式 · 切换身份</Text>
    </View>
  );
}

/** The household's balance from the ledger; tapping opens 积分. Reloads whenever 首页 is shown. */
function HouseholdPoints() {
  const balance = useRemote(() => call('ledger', 'balance', {}), { auto: false });
  useLoadOnShow(() => void balance.reload());
  const open = () => void Taro.navigateTo({ url: route('points') });
  if (balance.data) return <BalanceCard figures={balance.data} onClick={open} />;
  return (
    <View className="card home__points" onClick={open}>
      <View className="card__title">户积分</View>
      <View className="home__points-text">{balance.error ?? '加载中…'}</View>
    </View>
  );
}

function Profile({ me }: { me: WhoAmI }) {
  const worksGrid = gridsWorked(me.roles).length > 0;
  const isClerk = hasRole(me.roles, 'shop_clerk');
  const isVillageAdmin = hasRole(me.roles, 'village_admin');
  const isTownAdmin = hasRole(me.roles, 'town_admin');
  const go = (page: Parameters<typeof route>[0], query?: Record<string, string>) => void Taro.navigateTo({ url: route(page, query) });
  const roleLabels = Array.from(new Set(me.roles.map((r) => ROLE_LABELS[r.role])));
  const h = me.household;
  return (
    <View>
      <InboxEntry />
      <View className="card">
        <View className="card__title">{me.person.name}</View>
        <View className="muted">
          {me.town.name}
          {me.village ? ` · ${me.village.name}` : ''}
        </View>
        {roleLabels.length > 0 ? (
          <View className="tags">
            {roleLabels.map((label) => (
              <View key={label} className="tags__item">
                <Tag type="primary" plain>
                  {label}
                </Tag>
              </View>
            ))}
          </View>
        ) : null}
      </View>

      {h ? <HouseholdPoints /> : null}

      {me.village || isTownAdmin ? (
        <>
          <View className="section-title">励志超市</View>
          <CellGroup inset>
            {h ? <Cell title="兑换码" label="到村超市兑换时出示" isLink onClick={() => go('code')} /> : null}
            {me.village ? <Cell title="积分超市" label="可兑换的商品和库存" isLink onClick={() => go('shop')} /> : null}
            {isClerk ? <Cell title="扫码兑换" label="店员：扫村民兑换码，确认商品" isLink onClick={() => go('cashier')} /> : null}
            {h || isClerk || isVillageAdmin ? <Cell title="兑换记录" isLink onClick={() => go('receipts')} /> : null}
            {isVillageAdmin ? <Cell title="超市管理" label="商品、库存、兑换日、发放积分" isLink onClick={() => go('shopAdmin')} /> : null}
            {isVillageAdmin ? <Cell title="基金池" label="本村资金、库存与未兑换积分" isLink onClick={() => go('fund')} /> : null}
            {isTownAdmin ? <Cell title="镇基金池" label="各村资金、库存与未兑换积分" isLink onClick={() => go('fund', { scope: 'town' })} /> : null}
            {h || isVillageAdmin || isTownAdmin ? <Cell title="台账导出" label="积分台账、积分手册（Excel）" isLink onClick={() => go('paperwork')} /> : null}
          </CellGroup>
        </>
      ) : null}

      {h ? (
        <>
          <View className="section-title">我的家庭</View>
          <CellGroup inset>
            <Cell title="门牌号" value={h.doorNo} />
            <Cell title="户主" value={h.headName} />
            <Cell title="所属网格" value={h.gridName} />
          </CellGroup>
          <View className="section-title">家庭成员（{h.members.length} 人）</View>
          <CellGroup inset>
            {h.members.map((m) => (
              <Cell key={m.id} title={m.name} value={m.relation ?? ''} />
            ))}
          </CellGroup>
        </>
      ) : (
        <View className="card muted">尚未登记所属家庭</View>
      )}

      <AuditEntries me={me} />
      <PublicityEntries me={me} />
      <GovernanceEntries me={me} />
      <GridAdminEntries me={me} />
      <EventEntries me={me} />
      <AssessmentEntries me={me} />
      <OnboardingEntries me={me} />

      <View className="section-title">办事</View>
      <CellGroup inset>
        <Cell title="申报积分" label="好人好事，一日一记录" isLink onClick={() => void Taro.switchTab({ url: route('submit') })} />
        <Cell title="我的申报" label="查看审核进度" isLink onClick={() => void Taro.switchTab({ url: route('mine') })} />
        {worksGrid ? (
          <Cell
            title="网格工作"
            label={me.grids.map((g) => g.name).join('、') || '本网格住户、代申报、初审'}
            isLink
            onClick={() => void Taro.navigateTo({ url: route('grid') })}
          />
        ) : null}
      </CellGroup>
    </View>
  );
}

export default function HomePage() {
  const me = useRemote(() => call('identity', 'whoami', {}), { auto: false });

  useDidShow(() => {
    if (needsDemoIdentity()) {
      void Taro.redirectTo({ url: route('demo') });
      return;
    }
    void me.reload();
  });

  // A WeChat user bound to nobody yet: the welcome page binds them (household card, admin code, join request).
  useEffect(() => {
    if (me.errorCode === 'NOT_REGISTERED') void Taro.reLaunch({ url: route('welcome') });
  }, [me.errorCode]);

  return (
    <View className="page">
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {me.data ? <Profile me={me.data} /> : null}
      </Status>
      <DemoSwitch />
    </View>
  );
}
