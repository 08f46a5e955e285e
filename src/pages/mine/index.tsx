import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import ApplicationCard from '../../components/application-card';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';

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
    </View>
  );
}
