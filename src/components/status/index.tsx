import type { FC, ReactNode } from 'react';
import { View } from '@tarojs/components';
import Empty from '../vant/empty';
import Button from '../vant/button';

interface Props {
  loading: boolean;
  error: string | null;
  /** Shown when loaded without error. */
  children?: ReactNode;
  onRetry?: () => void;
  /** true: show children while reloading (keep the old list on screen). */
  hasData?: boolean;
}

/** Loading / the server's refusal / the content. */
const Status: FC<Props> = ({ loading, error, children, onRetry, hasData }) => {
  if (error && !loading) {
    return (
      <View className="status-box">
        <Empty image="error" description={error} />
        {onRetry ? (
          <View className="actions">
            <Button size="small" round onClick={onRetry}>
              重新加载
            </Button>
          </View>
        ) : null}
      </View>
    );
  }
  if (loading && !hasData) return <View className="status-box">加载中…</View>;
  return <>{children}</>;
};

export default Status;
