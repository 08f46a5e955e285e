import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import Empty from '../../components/vant/empty';

export interface PickedHousehold {
  id: string;
  /** e.g. "张*强（一组3号）". */
  name: string;
  villageId: string;
}

/**
 * Whose deed: the village (town admin only), the grid, then the household, from
 * points.reportTargets (names masked; one's own household is never offered).
 */
export default function HouseholdPicker({ onPick }: { onPick: (h: PickedHousehold) => void }) {
  const [villageId, setVillageId] = useState<string | undefined>(undefined);
  const [gridId, setGridId] = useState<string | undefined>(undefined);
  const targets = useRemote(() => call('points', 'reportTargets', { ...(villageId ? { villageId } : {}), ...(gridId ? { gridId } : {}) }), { deps: [villageId, gridId] });
  const t = targets.data;
  return (
    <View>
      {t && t.villages.length > 1 ? (
        <View>
          <View className="section-title">1. 选村</View>
          <View className="card">
            <Segmented
              options={t.villages.map((v) => ({ value: v.id, label: v.name }))}
              value={t.villageId}
              onChange={(id) => {
                setGridId(undefined);
                setVillageId(id);
              }}
            />
          </View>
        </View>
      ) : null}
      <View className="section-title">{t && t.villages.length > 1 ? '2. 选组' : '1. 选组'}</View>
      <Status loading={targets.loading} error={targets.error} hasData={!!t} onRetry={() => void targets.reload()}>
        {t ? (
          t.grids.length === 0 ? (
            <Empty description="这个村还没有分组" />
          ) : (
            <View>
              <View className="card">
                <Segmented options={t.grids.map((g) => ({ value: g.id, label: g.name }))} value={t.gridId} onChange={setGridId} />
              </View>
              <View className="section-title">{t.villages.length > 1 ? '3. 选户' : '2. 选户'}（点一下门牌号）</View>
              {t.items.length === 0 ? (
                <Empty description="这个组没有可选的户" />
              ) : (
                <View className="card">
                  <Segmented
                    options={t.items.map((h) => ({ value: h.id, label: `${h.doorNo} ${h.headName}` }))}
                    value={null}
                    onChange={(id) => {
                      const h = t.items.find((x) => x.id === id);
                      if (h) onPick({ id: h.id, name: `${h.headName}（${h.doorNo}）`, villageId: t.villageId });
                    }}
                  />
                </View>
              )}
            </View>
          )
        ) : null}
      </Status>
    </View>
  );
}
