import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { queryParam } from '../../utils/params';
import { useRemote } from '../../hooks/useRemote';
import Status from '../../components/status';
import ApplicationDetail from '../../components/application-detail';
import Journey from '../../components/journey';
import { today } from '../../utils/format';

/** 申报详情: everything about one application, its photos and its history. */
export default function ApplicationPage() {
  const { params } = useRouter();
  const id = queryParam(params, 'id');
  const app = useRemote(() => call('points', 'get', { applicationId: id }));
  return (
    <View className="page">
      <Status loading={app.loading} error={app.error} hasData={!!app.data} onRetry={() => void app.reload()}>
        {app.data ? <Journey steps={app.data.journey} today={today()} /> : null}
        {app.data ? <ApplicationDetail app={app.data} /> : null}
      </Status>
    </View>
  );
}
