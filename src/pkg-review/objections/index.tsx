import { useState } from 'react';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { mayDecideObjection } from '@domain/publicity/policy';
import type { ObjectionStatus } from '@domain/publicity/types';
import type { ObjectionView } from '@domain/api/publicity';
import { NOT_A_SIGNER, objectionShareCard, sharedQuery } from '@domain/notices/share';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import Button from '../../components/vant/button';
import Status from '../../components/status';
import ShareToGroup, { sharedIdOf, useBindThenBack } from '../../components/share-to-group';
import VillagePicker from '../../components/village-picker';
import { useTownVillages } from '../../hooks/useTownVillages';
import { queryParam } from '../../utils/params';
import { route } from '../../constants/routes';
import ObjectionCard from './ObjectionCard';
import DecideForm from './DecideForm';
import './index.scss';

const TABS: { title: string; status?: ObjectionStatus }[] = [
  { title: '待调查', status: 'open' },
  { title: '待会签', status: 'proposed' },
  { title: '已成立', status: 'upheld' },
  { title: '不成立', status: 'dismissed' },
];
const PAGE = 20;

/**
 * 异议处理: the committees see every objection of the quarter; reviewers and supervisors co-sign
 * decisions; others read. A card shared to the committee group (?villageId=&quarter=&id=) opens
 * exactly that objection; whoever may not sign it is told so, an unbound WeChat user binds first.
 */
export default function ObjectionsPage() {
  const { params } = useRouter();
  const shared = sharedQuery({ villageId: queryParam(params, 'villageId'), quarter: queryParam(params, 'quarter'), id: queryParam(params, 'id') });
  const quarter = shared.quarter;
  // A town admin picks the village (the one a link names, else the town's first); others see their own.
  const [picked, setPicked] = useState(shared.villageId);
  const town = useTownVillages();
  const villageId = picked ?? town.villages[0]?.value;
  const [focus, setFocus] = useState(shared.id);
  const [tab, setTab] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const me = useRemote(() => call('identity', 'whoami', {}));
  const list = useRemote(
    () =>
      call('publicity', 'objections', {
        scope: 'village',
        ...(villageId ? { villageId } : {}),
        ...(quarter ? { quarter } : {}),
        // One objection from a card: looked for among the quarter's (any status).
        ...(focus ? { limit: 100 } : { status: TABS[tab].status, limit }),
      }),
    { deps: [tab, limit, focus, villageId], onShow: true, pullDown: true },
  );
  useBindThenBack(me.errorCode ?? list.errorCode, route('objections', shared));
  const who = me.data;
  const actor = who ? { _id: who.person.id, roles: who.roles, householdId: who.household?.id ?? null, villageId: who.village?.id ?? null, townId: who.town.id } : null;
  // The rule the function applies: a reviewer or supervisor of the village, not on their own household's line.
  const canSign = (o: Parameters<typeof mayDecideObjection>[1]) => !!actor && mayDecideObjection(actor, o).ok;
  const all = list.data?.items ?? [];
  const items = focus ? all.filter((o) => o._id === focus) : all;
  const cardOf = (o: ObjectionView) => objectionShareCard({ objectionId: o._id, villageId: o.villageId, villageName: who?.village?.name ?? '本村', quarter: o.quarter, status: o.status });
  useShareAppMessage((res) => {
    const o = all.find((x) => x._id === (sharedIdOf(res) ?? focus));
    return o ? cardOf(o) : { title: '异议处理', path: route('objections') };
  });
  // Anyone else a card reached: the server said no, nothing is shown.
  const notASigner = list.errorCode === 'FORBIDDEN' || (list.errorCode === 'NOT_FOUND' && !!shared.villageId);
  const pending = (o: ObjectionView) => o.status === 'open' || o.status === 'proposed';
  return (
    <View className="page">
      {focus ? null : (
        <>
          <VillagePicker value={villageId} onChange={setPicked} />
          <Tabs
            titles={TABS.map((t) => t.title)}
            active={tab}
            onChange={(i) => {
              setTab(i);
              setLimit(PAGE);
            }}
          />
        </>
      )}
      <Status
        loading={(list.loading && !list.data) || (!!focus && me.loading)}
        error={notASigner ? NOT_A_SIGNER.objection : list.error}
        hasData={!!list.data}
        onRetry={notASigner ? undefined : () => void list.reload()}
      >
        {focus && items.length > 0 && !canSign(items[0]) && pending(items[0]) ? <View className="objection__notice">{NOT_A_SIGNER.objection}</View> : null}
        {items.length === 0 ? (
          <Empty description={focus ? '找不到这条异议' : '没有这类异议'} />
        ) : (
          items.map((o) => (
            <ObjectionCard key={o._id} o={o}>
              {canSign(o) && pending(o) ? <DecideForm o={o} onDone={() => void list.reload()} /> : null}
              {canSign(o) && pending(o) ? <ShareToGroup card={cardOf(o)} label="发到评议群" shareId={o._id} /> : null}
            </ObjectionCard>
          ))
        )}
        {focus ? (
          <View className="objection__actions">
            <Button block round onClick={() => setFocus(undefined)}>
              查看本季度全部异议
            </Button>
          </View>
        ) : null}
        {!focus && list.data && items.length < list.data.total ? (
          <View className="objection__actions">
            <Button block round onClick={() => setLimit((n) => Math.min(100, n + PAGE))}>
              加载更多（共 {list.data.total} 条）
            </Button>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
