import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeView } from '@domain/api/notices';
import { call, messageOf } from '../../services/api';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { openNoticePage } from '../../utils/openNotice';
import { canSpeak, speak } from '../../services/speech';
import { showError } from '../../services/feedback';
import Empty from '../../components/vant/empty';
import Button from '../../components/vant/button';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import { useElderClass } from '../../hooks/useElder';
import { usePullToReload } from '../../hooks/usePullToReload';
import './index.scss';

const PAGE_SIZE = 20;

function when(at: number): string {
  const d = new Date(at + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 消息中心: my notices newest first, paged; tapping one marks it read and opens what it is about. */
export default function InboxPage() {
  const elder = useElderClass();
  const [items, setItems] = useState<NoticeView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = async (beforeAt?: number) => {
    setLoading(true);
    try {
      const page = await call('notices', 'list', { limit: PAGE_SIZE, ...(beforeAt ? { beforeAt } : {}) });
      setItems((cur) => (beforeAt ? [...cur, ...page.items] : page.items));
      setNext(page.nextBeforeAt);
      setUnread(page.unread);
      setError(null);
      setLoaded(true);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };
  useLoadOnShow(() => void load());
  usePullToReload(() => load());

  const open = async (n: NoticeView) => {
    if (!n.read) {
      setItems((cur) => cur.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
      setUnread((u) => Math.max(0, u - 1));
      try {
        await call('notices', 'markRead', { noticeId: n.id });
      } catch {
        // Opening the page matters more than the read mark; the next load shows the truth.
      }
    }
    openNoticePage(n.page);
  };
  const readAll = async () => {
    try {
      const r = await call('notices', 'markRead', {});
      setUnread(r.unread);
      setItems((cur) => cur.map((x) => ({ ...x, read: true })));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <View className={`page ${elder}`}>
      <Status loading={loading && !loaded} error={loaded ? null : error} hasData={loaded} onRetry={() => void load()}>
        {unread > 0 ? (
          <View className="card card__row">
            <Text>{unread} 条未读</Text>
            <Button size="small" round onClick={() => void readAll()}>
              全部已读
            </Button>
          </View>
        ) : null}
        {items.length === 0 ? <Empty description="还没有消息" /> : null}
        {items.map((n) => (
          <View key={n.id} className={`card notice${n.read ? '' : ' notice--unread'}`} onClick={() => void open(n)}>
            <View className="card__row">
              <View>
                {n.read ? null : <View className="notice__dot" />}
                <Text className="notice__title">{n.title}</Text>
              </View>
              <Tag type={n.read ? 'default' : 'primary'} plain>
                {n.kindLabel}
              </Tag>
            </View>
            <View className="notice__body">{n.body}</View>
            <View className="card__row notice__foot">
              <View className="notice__meta">{when(n.createdAt)}</View>
              {canSpeak() ? (
                <View
                  className="notice__speak"
                  data-speak={n.id}
                  onClick={(e) => {
                    // Reading aloud is not opening: the notice stays on screen.
                    e.stopPropagation();
                    void speak(`${n.title}。${n.body}`).catch(showError);
                  }}
                >
                  读给我听
                </View>
              ) : null}
            </View>
          </View>
        ))}
        {next !== null ? (
          <View className="actions">
            <Button size="small" round loading={loading} onClick={() => void load(next)}>
              加载更多
            </Button>
          </View>
        ) : null}
        {error && loaded ? <View className="muted">{error}</View> : null}
      </Status>
    </View>
  );
}
