import { useState } from 'react';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { catalogueGates } from '@domain/catalogue/policy';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import DraftTab from './DraftTab';
import VersionsTab from './VersionsTab';
import TownQueue from './TownQueue';
import './index.scss';

/** 积分目录修订与备案: the village admin's draft and versions; the town admin's filing queue. */
export default function CatalogueAdminPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const [tab, setTab] = useState(0);
  // The catalogue function's own gates decide which side of the page a person sees.
  const who = me.data ? { roles: me.data.roles, householdId: me.data.household?.id ?? null } : null;
  const isAdmin = admits(catalogueGates.draft, who);
  const isTown = admits(catalogueGates.townQueue, who);
  return (
    <View className="page">
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {isAdmin ? (
          <View>
            <Tabs titles={['修订草稿', '版本记录']} active={tab} onChange={setTab} />
            {tab === 0 ? <DraftTab /> : <VersionsTab />}
          </View>
        ) : isTown ? (
          <TownQueue />
        ) : me.data ? (
          <Empty description="只有村两委和镇管理员可以办理目录修订与备案" />
        ) : null}
      </Status>
    </View>
  );
}
