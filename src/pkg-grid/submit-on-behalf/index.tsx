import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { queryParam } from '../../utils/params';
import SubmitForm from '../../components/submit-form';
import { SOURCE_FORMS, isOtherSource } from '../../components/submit-form/sources';
import Empty from '../../components/vant/empty';
import Button from '../../components/vant/button';
import HouseholdPicker, { type PickedHousehold } from './HouseholdPicker';

/**
 * A deed of another household: 代申报 (from 网格工作 with ?householdId=…&householdName=…), or,
 * from 首页's 记别户的事 with ?source=report|visit|inspection, 举报/推荐, 登记走访 or 登记上级检查
 * after picking the household here (a tab page cannot take a query).
 */
export default function SubmitOnBehalfPage() {
  const { params } = useRouter();
  const asked = queryParam(params, 'source');
  const source = isOtherSource(asked) ? asked : 'behalf';
  const form = SOURCE_FORMS[source];
  const householdId = queryParam(params, 'householdId');
  const householdName = queryParam(params, 'householdName');
  const [picked, setPicked] = useState<Omit<PickedHousehold, 'villageId'> & { villageId?: string } | null>(
    householdId ? { id: householdId, name: householdName || householdId } : null,
  );

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: picked ? `${form.title}：${picked.name}` : form.title });
  }, [picked, form.title]);

  if (picked) {
    return (
      <View>
        {householdId ? null : (
          <View className="actions">
            <Button size="small" round plain onClick={() => setPicked(null)}>
              换一户
            </Button>
          </View>
        )}
        <SubmitForm key={picked.id} onBehalfOf={{ householdId: picked.id, householdName: picked.name, source, ...(picked.villageId ? { villageId: picked.villageId } : {}) }} />
      </View>
    );
  }
  if (source === 'behalf') return <Empty image="error" description="缺少要代申报的住户，请从网格工作页进入" />;
  return (
    <View className="page">
      <View className="card">
        <View className="card__title">{form.title}：先选是哪一户</View>
        <View className="muted">{form.note}</View>
      </View>
      <HouseholdPicker onPick={setPicked} />
    </View>
  );
}
