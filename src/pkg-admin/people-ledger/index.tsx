import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { HOUSEHOLD_TAGS, HOUSEHOLD_TAG_LABELS } from '@domain/org/tags';
import type { PeopleLedgerRow } from '@domain/grid/peopleLedger';
import { call } from '../../services/api';
import ExportButton from '../../components/export-button';
import { useRemote } from '../../hooks/useRemote';
import Status from '../../components/status';
import VillagePicker from '../../components/village-picker';
import './index.scss';

function tagLine(tags: PeopleLedgerRow['tags']): string {
  const parts = HOUSEHOLD_TAGS.filter((t) => tags[t] > 0).map((t) => `${HOUSEHOLD_TAG_LABELS[t]} ${tags[t]} 户`);
  return parts.length ? parts.join(' · ') : '无关注标签户';
}

/** 人员信息分布台账: per grid the households, people and tag counts; the village's or the whole town's; export as CSV. */
export default function PeopleLedgerPage() {
  const [villageId, setVillageId] = useState('');
  const scope = villageId ? { villageId } : {};
  const ledger = useRemote(() => call('grid', 'peopleLedger', scope), { auto: false, deps: [villageId] });
  useDidShow(() => void ledger.reload());

  const l = ledger.data;
  return (
    <View className="page">
      <VillagePicker value={villageId} onChange={setVillageId} all="全镇" />
      <Status loading={ledger.loading} error={ledger.error} hasData={!!l} onRetry={() => void ledger.reload()}>
        {l ? (
          <View>
            <View className="card">
              <View className="card__title">{l.title} 合计</View>
              <View>
                {l.total.households} 户 · {l.total.people} 人
              </View>
              <View className="pledger__tags">{tagLine(l.total.tags)}</View>
            </View>
            <View className="actions">
              <ExportButton label="导出 Excel" load={() => call('sheets', 'people', scope)} />
              <ExportButton label="导出 CSV" plain load={() => call('grid', 'exportPeopleLedger', scope)} />
            </View>
            <View className="card">
              {l.rows.map((r) => (
                <View key={`${r.villageId}-${r.gridId}`} className="pledger__row">
                  <View className="card__row">
                    <Text>
                      {l.rows.some((x) => x.villageId !== r.villageId) ? `${r.villageName} · ` : ''}
                      {r.gridName}
                    </Text>
                    <Text className="muted">
                      {r.households} 户 · {r.people} 人
                    </Text>
                  </View>
                  <View className="pledger__tags">{tagLine(r.tags)}</View>
                </View>
              ))}
            </View>
            <View className="muted">只统计户数，不显示具体住户，保护个人隐私。</View>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
