import { View, Text } from '@tarojs/components';
import type { CatalogueItem, CatalogueVersion } from '@domain/catalogue/types';
import { itemPointsText } from '../../utils/format';
import Tag from '../../components/vant/tag';
import './index.scss';

const PERIOD: Record<NonNullable<CatalogueItem['cap']>['period'], string> = { month: '每月', quarter: '每季度', year: '每年' };

/** One item as everybody reads it: name, points per unit, cap, evidence, who reports it; the item code only for staff (`codes`). */
export function CatalogueItemRow({ item, codes = false }: { item: CatalogueItem; codes?: boolean }) {
  return (
    <View className="catalogue__item">
      <View className="catalogue__name">
        {codes ? <Text className="muted">{item.code} </Text> : null}
        {item.name}
      </View>
      <View className="catalogue__meta">
        <Text className={`catalogue__meta-item catalogue__points${item.points < 0 ? ' catalogue__points--minus' : ''}`}>{itemPointsText(item)}</Text>
        {item.cap ? <Text className="catalogue__meta-item">{`${PERIOD[item.cap.period]}最多 ${item.cap.times} 次`}</Text> : null}
        {item.evidenceRequired ? <Text className="catalogue__meta-item">需照片</Text> : null}
        {!item.selfReport ? <Text className="catalogue__meta-item">评议小组认定</Text> : null}
        {item.negativeList ? (
          <Tag type="danger" plain>
            负面清单
          </Tag>
        ) : null}
      </View>
    </View>
  );
}

export function CatalogueView({ version, codes = false }: { version: CatalogueVersion; codes?: boolean }) {
  return (
    <View>
      {version.categories.map((c) => (
        <View key={c.code}>
          <View className="section-title">
            {c.name}（{c.items.length} 项{c.subject === 'unit' ? '，单位积分' : ''}）
          </View>
          <View className="card">
            {c.items.map((i) => (
              <CatalogueItemRow key={i.code} item={i} codes={codes} />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

