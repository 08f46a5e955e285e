import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { HOUSEHOLD_TAG_LABELS } from '@domain/org/tags';
import { mayFirstReview } from '@domain/points/policy';
import type { ApplicationView, GridHouseholdView } from '@domain/api/index';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import Tabs from '../../components/vant/tabs';
import Button from '../../components/vant/button';
import Field from '../../components/vant/field';
import Popup from '../../components/vant/popup';
import Empty from '../../components/vant/empty';
import Tag from '../../components/vant/tag';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import ApplicationCard from '../../components/application-card';
import ApplicationDetail from '../../components/application-detail';
import './index.scss';

function HouseholdCard({ h }: { h: GridHouseholdView }) {
  const name = `${h.headName}（${h.doorNo}）`;
  const openRoster = () => void Taro.navigateTo({ url: route('roster', { householdId: h.id }) });
  return (
    <View className="card">
      <View className="card__row">
        <View onClick={openRoster}>
          <View className="card__title">{h.doorNo}</View>
          <View className="muted">
            户主 {h.headName} · {h.memberCount} 人 · <Text className="link">名册</Text>
          </View>
        </View>
        <View className="grid__action">
          <Button
            type="primary"
            size="small"
            round
            plain
            onClick={() =>
              void Taro.navigateTo({ url: route('submitOnBehalf', { householdId: h.id, householdName: name }) })
            }
          >
            代申报
          </Button>
        </View>
      </View>
      {h.tags && h.tags.length > 0 ? (
        <View className="tags">
          {h.tags.map((t) => (
            <View key={t} className="tags__item">
              <Tag type="warning" plain>
                {HOUSEHOLD_TAG_LABELS[t]}
              </Tag>
            </View>
          ))}
        </View>
      ) : null}
      {h.members.length > 0 ? (
        <View className="grid__members">
          {h.members.map((m) => (
            <Text key={m.id} className="grid__member">
              {m.name}
              {m.relation ? `（${m.relation}）` : ''}
              {m.phone ? ` ${m.phone}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** `refusal`: why the first-review function would refuse this reviewer (their household, their 代申报), or null. */
function ReviewPopup({
  app,
  refusal,
  onClose,
  onDone,
}: {
  app: ApplicationView | null;
  refusal: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const close = () => {
    setReturning(false);
    setReason('');
    onClose();
  };

  const decide = async (decision: 'pass' | 'return') => {
    if (!app || busy) return;
    if (decision === 'return' && !reason.trim()) return toast(ERROR_MESSAGES.REASON_REQUIRED);
    setBusy(true);
    try {
      await call('points', 'firstReview', {
        applicationId: app._id,
        decision,
        ...(decision === 'return' ? { reason: reason.trim() } : {}),
      });
      toastSuccess(decision === 'pass' ? '已提交评议' : '已退回');
      setReturning(false);
      setReason('');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup show={!!app} position="bottom" round closeable onClose={close}>
      <View className="review">
        <View className="review__title">初审</View>
        <ScrollView scrollY className={`review__body${returning ? ' review__body--short' : ''}`}>
          {app ? <ApplicationDetail app={app} /> : null}
        </ScrollView>
        {returning ? (
          <View className="review__reason">
            <Field
              label="退回原因"
              type="textarea"
              value={reason}
              placeholder="请写明退回原因，申报人会看到"
              maxlength={200}
              autosize
              showWordLimit
              required
              onChange={setReason}
            />
          </View>
        ) : null}
        {refusal ? (
          <View className="review__reason">
            <Text className="muted">{refusal}</Text>
          </View>
        ) : (
          <View className="review__actions">
            {returning ? (
              <>
                <View className="review__action">
                  <Button block round disabled={busy} onClick={() => setReturning(false)}>
                    取消
                  </Button>
                </View>
                <View className="review__action">
                  <Button type="danger" block round loading={busy} disabled={busy} onClick={() => void decide('return')}>
                    确认退回
                  </Button>
                </View>
              </>
            ) : (
              <>
                <View className="review__action">
                  <Button type="danger" plain block round disabled={busy} onClick={() => setReturning(true)}>
                    退回
                  </Button>
                </View>
                <View className="review__action">
                  <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void decide('pass')}>
                    通过，提交评议
                  </Button>
                </View>
              </>
            )}
          </View>
        )}
      </View>
    </Popup>
  );
}

/** 网格工作: the grid's households (代申报 from here) and the first-review queue. */
export default function GridPage() {
  const [tab, setTab] = useState(0);
  const [reviewing, setReviewing] = useState<ApplicationView | null>(null);
  // A worker of several grids switches between them; null = the first grid they work.
  const [gridId, setGridId] = useState<string | null>(null);
  const grids = useRemote(() => call('grid', 'list', {}), { auto: false });
  const households = useRemote(() => call('grid', 'households', gridId ? { gridId } : {}), { auto: false, deps: [gridId] });
  const queue = useRemote(() => call('points', 'gridQueue', gridId ? { gridId } : {}), { auto: false, deps: [gridId] });
  const me = useRemote(() => call('identity', 'whoami', {}));
  // The same rule the function enforces: no buttons where 初审 would be refused (until whoami answers, the function decides).
  const refusalFor = (app: ApplicationView): string | null => {
    if (!me.data) return null;
    const may = mayFirstReview({ _id: me.data.person.id, roles: me.data.roles, householdId: me.data.household?.id ?? null }, app);
    return may.ok ? null : may.message;
  };

  useDidShow(() => {
    void grids.reload();
    void households.reload();
    void queue.reload();
  });

  const myGrids = grids.data?.items ?? [];

  const queueItems = queue.data?.items ?? [];
  return (
    <View className="page">
      {myGrids.length > 1 ? (
        <Segmented
          options={myGrids.map((g) => ({ value: g.id, label: g.name }))}
          value={gridId ?? households.data?.grid.id ?? null}
          onChange={setGridId}
        />
      ) : null}
      <Tabs titles={['本网格住户', `初审${queueItems.length ? `（${queueItems.length}）` : ''}`]} active={tab} onChange={setTab} />
      {tab === 0 ? (
        <Status loading={households.loading} error={households.error} hasData={!!households.data} onRetry={() => void households.reload()}>
          {households.data ? (
            <View>
              <View className="section-title">
                {households.data.grid.name} · 共 {households.data.items.length} 户
              </View>
              {households.data.items.length === 0 ? (
                <Empty description="本网格还没有登记住户" />
              ) : (
                households.data.items.map((h) => <HouseholdCard key={h.id} h={h} />)
              )}
            </View>
          ) : null}
        </Status>
      ) : (
        <Status loading={queue.loading} error={queue.error} hasData={!!queue.data} onRetry={() => void queue.reload()}>
          {queueItems.length === 0 ? (
            <Empty description="没有待初审的申报" />
          ) : (
            queueItems.map((app) => <ApplicationCard key={app._id} app={app} showHousehold onClick={() => setReviewing(app)} />)
          )}
        </Status>
      )}
      <ReviewPopup
        app={reviewing}
        refusal={reviewing ? refusalFor(reviewing) : null}
        onClose={() => setReviewing(null)}
        onDone={() => {
          setReviewing(null);
          void queue.reload();
        }}
      />
    </View>
  );
}
