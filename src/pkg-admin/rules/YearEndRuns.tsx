import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { showError, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { formatTime } from '../../utils/format';
import Button from '../../components/vant/button';
import Status from '../../components/status';

/** 年底结转: the runs so far (the timer does it on 1 January); an admin may run it by hand in January. */
export default function YearEndRuns() {
  const runs = useRemote(() => call('jobs', 'runs', {}));
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await call('jobs', 'yearEnd', {});
      toastSuccess('已完成年底结转');
      await runs.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const items = runs.data?.items ?? [];
  return (
    <View className="card">
      <View className="card__title">年底结转记录</View>
      <Status loading={runs.loading} error={runs.error} hasData={!!runs.data} onRetry={() => void runs.reload()}>
        {items.length === 0 ? <View className="muted">还没有年底结转记录（每年 1 月 1 日 0:05 自动执行）</View> : null}
        {items.map((r) => (
          <View key={r._id} className="muted">
            {r.villageName} {r.year} 年：{r.mode === 'clear' ? `清零 ${r.householdsCleared} 户，共 ${r.pointsCleared} 分` : '滚动结存'}
            {r.status === 'done' && r.finishedAt ? `（${formatTime(r.finishedAt)} 完成）` : '（进行中）'}
          </View>
        ))}
      </Status>
      <View className="rules__hint">只在次年 1 月内可手动补做；已完成的不会重复执行</View>
      <Button size="small" plain round type="primary" loading={busy} disabled={busy} onClick={() => void run()}>
        执行上一年度结转
      </Button>
    </View>
  );
}
