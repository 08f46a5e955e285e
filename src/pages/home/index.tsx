import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { gridsWorked, hasRole } from '@domain/org/roles';
import type { WhoAmI } from '@domain/api/index';
import type { Workbench } from '@domain/api/identity';
import { call } from '../../services/api';
import { isDemo, needsDemoIdentity } from '../../services/session';
import { fitTabBar } from '../../services/tabs';
import { useRemote } from '../../hooks/useRemote';
import { useElderClass } from '../../hooks/useElder';
import { route, type PageName } from '../../constants/routes';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Status from '../../components/status';
import BalanceCard from '../../components/balance';
import AuditEntries from './entries/audit';
import PublicityEntries from './entries/publicity';
import GovernanceEntries from './entries/governance';
import GridAdminEntries from './entries/gridAdmin';
import EventEntries from './entries/events';
import AssessmentEntries from './entries/assessment';
import OnboardingEntries from './entries/onboarding';
import OtherHouseholdEntries from './entries/others';
import InboxEntry from '../../components/inbox-entry';
import Todos from './todo';
import iconSubmit from '../../assets/icons/submit.png';
import iconPoints from '../../assets/icons/points.png';
import iconCode from '../../assets/icons/code.png';
import iconShop from '../../assets/icons/shop.png';
import iconPublicity from '../../assets/icons/publicity.png';
import iconReport from '../../assets/icons/report.png';
import iconScan from '../../assets/icons/scan.png';
import iconList from '../../assets/icons/list.png';
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
  const balance = useRemote(() => call('ledger', 'balance', {}), { onShow: true });
  const open = () => void Taro.switchTab({ url: route('points') });
  const b = balance.data;
  if (b) return <BalanceCard figures={b} subtitle={`${b.doorNo} · ${b.householdName}`} onClick={open} />;
  return (
    <View className="card home__points" onClick={open}>
      <View className="card__title">户积分</View>
      <View className="home__points-text">{balance.error ?? '加载中…'}</View>
    </View>
  );
}

interface Shortcut {
  key: string;
  title: string;
  icon: string;
  open: () => void;
}

/** Big icon buttons for what a villager does most. */
function Shortcuts({ items }: { items: Shortcut[] }) {
  if (items.length === 0) return null;
  return (
    <View className="card shortcuts">
      {items.map((s) => (
        <View key={s.key} className="shortcuts__item" data-entry={s.key} onClick={s.open}>
          <Image className="shortcuts__icon" src={s.icon} />
          <View className="shortcuts__title">{s.title}</View>
        </View>
      ))}
    </View>
  );
}

function Home({ me, wb }: { me: WhoAmI; wb: Workbench | null }) {
  const worksGrid = gridsWorked(me.roles).length > 0;
  const isClerk = hasRole(me.roles, 'shop_clerk');
  const isVillageAdmin = hasRole(me.roles, 'village_admin');
  const isTownAdmin = hasRole(me.roles, 'town_admin');
  const go = (page: PageName, query?: Record<string, string>) => void Taro.navigateTo({ url: route(page, query) });
  const h = me.household;
  const shortcuts: Shortcut[] = [];
  if (h) {
    shortcuts.push(
      { key: 'submit', title: '申报积分', icon: iconSubmit, open: () => void Taro.switchTab({ url: route('submit') }) },
      { key: 'points', title: '我家积分', icon: iconPoints, open: () => void Taro.switchTab({ url: route('points') }) },
      { key: 'code', title: '兑换码', icon: iconCode, open: () => go('code') },
      { key: 'shop', title: '积分超市', icon: iconShop, open: () => go('shop') },
      { key: 'publicity', title: '积分公示', icon: iconPublicity, open: () => go('publicity') },
      { key: 'report', title: '随手拍', icon: iconReport, open: () => go('report') },
    );
  }
  if (isClerk) shortcuts.unshift({ key: 'cashier', title: '扫码兑换', icon: iconScan, open: () => go('cashier') });
  if (worksGrid) shortcuts.unshift({ key: 'grid', title: '网格工作', icon: iconList, open: () => go('grid') });

  return (
    <View>
      <InboxEntry />
      <View className="home__hello" onClick={() => void Taro.switchTab({ url: route('mine') })}>
        <Text className="home__name">{me.person.name}</Text>
        <Text className="home__place">
          {me.town.name}
          {me.village ? ` · ${me.village.name}` : ''}
        </Text>
      </View>
      {wb ? <Todos wb={wb} /> : null}

      {h ? <HouseholdPoints /> : null}
      <Shortcuts items={shortcuts} />

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
            {isTownAdmin || isVillageAdmin ? <Cell title={isTownAdmin ? '镇看板' : '村看板'} label="参与率、积分发放与兑换、基金、评议、公示、事件" isLink onClick={() => go('dashboard')} /> : null}
            {h || isVillageAdmin || isTownAdmin ? <Cell title="台账导出" label="积分台账、积分手册（Excel）" isLink onClick={() => go('paperwork')} /> : null}
          </CellGroup>
        </>
      ) : null}

      {me.units?.length ? (
        <>
          <View className="section-title">单位积分</View>
          <CellGroup inset>
            {me.units.map((u) => (
              <Cell key={u.id} title={u.name} label="我是负责人：积分、台账、申报" isLink onClick={() => go('unit', { unitId: u.id })} />
            ))}
          </CellGroup>
        </>
      ) : null}
      <OtherHouseholdEntries me={me} />
      <AuditEntries me={me} />
      <PublicityEntries me={me} />
      <GovernanceEntries me={me} />
      <GridAdminEntries me={me} />
      <EventEntries me={me} />
      <AssessmentEntries me={me} />
      <OnboardingEntries me={me} />

      {h || worksGrid ? (
        <>
          <View className="section-title">办事</View>
          <CellGroup inset>
            {h ? <Cell title="申报积分" label="好人好事，一日一记录" isLink onClick={() => void Taro.switchTab({ url: route('submit') })} /> : null}
            {h ? <Cell title="我的申报" label="查看审核进度" isLink onClick={() => void Taro.switchTab({ url: route('mine') })} /> : null}
            {h ? <Cell title="我家每人的积分" label="今年家里谁挣了多少积分" isLink onClick={() => go('household')} /> : null}
            {worksGrid ? (
              <Cell title="网格工作" label={me.grids.map((g) => g.name).join('、') || '本网格住户、代申报、初审'} isLink onClick={() => go('grid')} />
            ) : null}
          </CellGroup>
        </>
      ) : null}
    </View>
  );
}

/** 首页 (工作台 for staff): to-dos with counts first, then the household's points and the shortcuts, then every entry the roles open. */
export default function HomePage() {
  const me = useRemote(() => call('identity', 'whoami', {}), { auto: false });
  const wb = useRemote(() => call('identity', 'workbench', {}), { auto: false });
  const elder = useElderClass();

  useDidShow(() => {
    if (needsDemoIdentity()) {
      void Taro.redirectTo({ url: route('demo') });
      return;
    }
    void me.reload();
    void wb.reload();
  });

  // A WeChat user bound to nobody yet: the welcome page binds them (household card, admin code, join request).
  useEffect(() => {
    if (me.errorCode === 'NOT_REGISTERED') void Taro.reLaunch({ url: route('welcome') });
  }, [me.errorCode]);

  useEffect(() => {
    if (wb.data) fitTabBar(wb.data);
  }, [wb.data]);

  return (
    <View className={`page home ${elder}`}>
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {me.data ? <Home me={me.data} wb={wb.data} /> : null}
      </Status>
      <DemoSwitch />
    </View>
  );
}
