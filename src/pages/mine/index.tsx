import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@domain/org/roles';
import type { WhoAmI } from '@domain/api/index';
import { call } from '../../services/api';
import { isDemo } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import ApplicationCard from '../../components/application-card';
import Outbox from '../../components/outbox';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Tag from '../../components/vant/tag';
import { useSave } from '../../hooks/useSave';
import { useElderClass } from '../../hooks/useElder';
import { elderChoice, isElder, setElderChoice } from '../../services/elder';
import { usePullToReload } from '../../hooks/usePullToReload';
import './index.scss';

/** 解除绑定: this WeChat stops acting for the person (e.g. before changing phones); a card binds it again. */
function UnbindMe() {
  const save = useSave();
  const unbind = async () => {
    const { confirm } = await Taro.showModal({
      title: '解除微信绑定',
      content: '解除后，这个微信不能再查看和申报本户积分；换手机后可用户码重新绑定。确定解除？',
    });
    if (!confirm) return;
    const r = await save.run(() => call('org', 'unbind', {}), { success: '已解除绑定' });
    if (r) void Taro.reLaunch({ url: route('welcome') });
  };
  return (
    <View>
      <View className="section-title">微信绑定</View>
      <View className="actions">
        <Button round block plain type="danger" loading={save.busy} disabled={save.busy} onClick={() => void unbind()}>
          解除本微信的绑定
        </Button>
      </View>
    </View>
  );
}

/** Who I am: name, village, roles. */
function Profile({ me }: { me: WhoAmI }) {
  const roleLabels = Array.from(new Set(me.roles.map((r) => ROLE_LABELS[r.role])));
  return (
    <View className="card mine__profile">
      <View className="card__title">{me.person.name}</View>
      <View className="mine__place">
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
  );
}

function Household({ me }: { me: WhoAmI }) {
  const h = me.household;
  if (!h) return <View className="card mine__place">尚未登记所属家庭</View>;
  return (
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
  );
}

/** 我的 (tab): who I am, my household, our applications (newest first), settings, unbinding. */
export default function MinePage() {
  const me = useRemote(() => call('identity', 'whoami', {}), { auto: false });
  const list = useRemote(() => call('points', 'mine', {}), { auto: false });
  const reload = () => Promise.all([me.reload(), list.reload()]);

  useDidShow(() => void reload());
  usePullToReload(() => reload());

  const elder = useElderClass();
  const [, redraw] = useState(0);
  const toggleElder = () => {
    setElderChoice(isElder() ? 'off' : 'on');
    redraw((n) => n + 1);
  };
  const items = list.data?.items ?? [];
  return (
    <View className={`page mine ${isElder() ? 'elder' : elder}`}>
      {me.data ? <Profile me={me.data} /> : null}
      {me.data ? <Household me={me.data} /> : null}
      <Outbox />
      <View className="section-title">我的申报</View>
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {items.length === 0 ? (
          <Empty description="还没有申报记录，去“申报”页记一笔吧" />
        ) : (
          items.map((app) => (
            <ApplicationCard key={app._id} app={app} plain onClick={() => void Taro.navigateTo({ url: route('application', { id: app._id }) })} />
          ))
        )}
      </Status>
      <View className="section-title">设置</View>
      <View className="card mine__setting" data-setting="elder" onClick={toggleElder}>
        <View className="mine__setting-text">
          <View className="mine__setting-title">大字模式</View>
          <View className="mine__place">{elderChoice() === 'auto' ? '跟随微信的字体大小' : '字更大、按钮更大，看得更清楚'}</View>
        </View>
        <View className={`mine__switch${isElder() ? ' mine__switch--on' : ''}`}>{isElder() ? '已开启' : '已关闭'}</View>
      </View>
      {list.errorCode === 'NOT_REGISTERED' ? null : <UnbindMe />}
      <View className="actions">
        <Button round block plain onClick={() => void Taro.navigateTo({ url: route('privacy') })}>
          隐私说明
        </Button>
      </View>
      {isDemo ? (
        <View className="mine__demo" onClick={() => void Taro.navigateTo({ url: route('demo') })}>
          <Text className="link">演示模式 · 切换身份</Text>
        </View>
      ) : null}
    </View>
  );
}
