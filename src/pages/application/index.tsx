import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { queryParam } from '../../utils/params';
import { useRemote } from '../../hooks/useRemote';
import { useElderClass } from '../../hooks/useElder';
import Status from '../../components/status';
import ApplicationDetail from '../../components/application-detail';
import Journey from '../../components/journey';
import { today } from '../../utils/format';
import './index.scss';

/** 申报详情: where its points are (the timeline), everything about it, its photos and its history, in plain words. */
export default function ApplicationPage() {
  const { params } = useRouter();
  const id = queryParam(params, 'id');
  const app = useRemote(() => call('points', 'get', { applicationId: id }));
  // Just submitted (?submitted=1): say so plainly, and what happens next.
  const elder = useElderClass();
  const justSubmitted = queryParam(params, 'submitted') === '1';
  return (
    <View className={`page ${elder}`}>
      <Status loading={app.loading} error={app.error} hasData={!!app.data} onRetry={() => void app.reload()}>
        {app.data && justSubmitted ? (
          <View className="card application__done">
            <View className="application__done-title">申报已提交</View>
            <View>网格员会尽快核实，进度可以在“我的”里查看。</View>
          </View>
        ) : null}
        {app.data ? <Journey steps={app.data.journey} today={today()} /> : null}
        {app.data ? <ApplicationDetail app={app.data} plain /> : null}
      </Status>
    </View>
  );
}
