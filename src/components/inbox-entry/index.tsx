import type { FC } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import './index.scss';

/** 消息中心 entry with the unread badge; reloads whenever its page is shown. Renders nothing for a caller without an inbox. */
const InboxEntry: FC = () => {
  const unread = useRemote(() => call('notices', 'unreadCount', {}), { onShow: true });
  if (unread.error) return null;
  const n = unread.data?.unread ?? 0;
  return (
    <View className="card inbox-entry" onClick={() => void Taro.navigateTo({ url: route('inbox') })}>
      <Text className="inbox-entry__title">消息中心</Text>
      {n > 0 ? (
        <Text className="inbox-entry__badge" aria-label={`${n} 条未读`}>
          {n > 99 ? '99+' : n}
        </Text>
      ) : (
        <Text className="muted">没有未读消息</Text>
      )}
    </View>
  );
};

export default InboxEntry;
