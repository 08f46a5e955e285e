import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import ApplicationCard from '../../components/application-card';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Button from '../../components/vant/button';
import { useSave } from '../../hooks/useSave';

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

/** 我的申报 (tab): the household's applications, newest first as the server orders them. */
export default function MinePage() {
  const list = useRemote(() => call('points', 'mine', {}), { auto: false });

  useDidShow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const items = list.data?.items ?? [];
  return (
    <View className="page">
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {items.length === 0 ? (
          <Empty description="还没有申报记录，去“申报”页记一笔吧" />
        ) : (
          items.map((app) => (
            <ApplicationCard
              key={app._id}
              app={app}
              onClick={() => void Taro.navigateTo({ url: route('application', { id: app._id }) })}
            />
          ))
        )}
      </Status>
      {list.errorCode === 'NOT_REGISTERED' ? null : <UnbindMe />}
      <View className="actions">
        <Button round block plain onClick={() => void Taro.navigateTo({ url: route('privacy') })}>
          隐私说明
        </Button>
      </View>
    </View>
  );
}
