import { useState } from 'react';
import { View } from '@tarojs/components';
import type { AnnualBaseResult } from '@domain/api/jobs';
import { call } from '../../services/api';
import { useSave } from '../../hooks/useSave';
import Button from '../../components/vant/button';

function describe(r: AnnualBaseResult): string {
  if (!r.applies) return `${r.villageName}：没有实行年度基础分，没有发放`;
  const barred = r.barred > 0 ? `，${r.barred} 户因一票否决不发` : '';
  return r.posted > 0 ? `${r.villageName} ${r.year} 年：这次发给 ${r.posted} 户${barred}` : `${r.villageName} ${r.year} 年：各户都已发过，这次没有再发${barred}`;
}

/**
 * 年度基础分 (村规 baseScore.mode = annual_base): post this year's base to every household without
 * a veto (jobs.annualBase). Each household gets it once a year however often this is tapped; the
 * 1 January timer does it too.
 */
export default function AnnualBase({ points }: { points: number }) {
  const save = useSave();
  const [results, setResults] = useState<AnnualBaseResult[] | null>(null);
  const run = async () => {
    const r = await save.run(() => call('jobs', 'annualBase', {}), { success: '已发放', quiet: true });
    if (r) setResults(r.results);
  };
  return (
    <View className="card">
      <View className="card__title">年度基础分</View>
      <View className="muted">每户每年发一次 {points} 分（守法户；被一票否决的户不发）。每年 1 月 1 日自动发；没发上的可以在这里补发，不会重复发。</View>
      {results ? (
        results.map((r) => (
          <View key={r.villageId} className="rules__hint">
            {describe(r)}
          </View>
        ))
      ) : null}
      {save.error ? <View className="rules__hint points--minus">{save.error}</View> : null}
      <Button size="small" plain round type="primary" loading={save.busy} disabled={save.busy} onClick={() => void run()}>
        发放今年的年度基础分
      </Button>
    </View>
  );
}
