import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { queryParam } from '../../utils/params';
import SubmitForm from '../../components/submit-form';
import Empty from '../../components/vant/empty';

/** 代申报: opened from 网格工作 with ?householdId=…&householdName=… (a tab page cannot take a query). */
export default function SubmitOnBehalfPage() {
  const { params } = useRouter();
  const householdId = queryParam(params, 'householdId');
  const householdName = queryParam(params, 'householdName');

  useEffect(() => {
    if (householdName) void Taro.setNavigationBarTitle({ title: `代申报：${householdName}` });
  }, [householdName]);

  if (!householdId) return <Empty image="error" description="缺少要代申报的住户，请从网格工作页进入" />;
  return <SubmitForm onBehalfOf={{ householdId, householdName: householdName || householdId }} />;
}
