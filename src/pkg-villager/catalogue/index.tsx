import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Status from '../../components/status';
import Empty from '../../components/vant/empty';
import { CatalogueView } from './CatalogueView';
import { useElderClass } from '../../hooks/useElder';

/** 积分目录: the catalogue in force today in my village, read-only, by category. */
export default function CataloguePage() {
  const elder = useElderClass();
  const current = useRemote(() => call('catalogue', 'current', {}));
  return (
    <View className={`page ${elder}`}>
      <Status loading={current.loading} error={current.error} hasData={!!current.data} onRetry={() => void current.reload()}>
        {current.data ? (
          <View>
            <View className="card">
              <View className="card__title">第 {current.data.version} 版积分目录</View>
              <View className="muted">自 {current.data.effectiveFrom} 起执行，经镇备案；申报按事项发生日期当时的目录计分</View>
            </View>
            {current.data.categories.some((c) => c.items.length > 0) ? (
              <CatalogueView version={current.data} />
            ) : (
              <View className="card">
                <Empty description="积分目录里还没有项目" />
                <View className="muted catalogue__empty">村两委把村规民约里的加分、扣分事项定下来后，会列在这里。有好人好事可以先告诉网格员。</View>
              </View>
            )}
          </View>
        ) : null}
      </Status>
    </View>
  );
}
