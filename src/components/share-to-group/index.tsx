import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button as TaroButton, View } from '@tarojs/components';
import type { ShareCard } from '@domain/notices/share';
import { toast } from '../../services/feedback';
import { route } from '../../constants/routes';
import Button from '../vant/button';
import './index.scss';

/**
 * 发到群: in the mini-program the share sheet (the page's useShareAppMessage builds the card;
 * `shareId` tells it which record a tap was for); in the browser the card's title and link copied.
 */
export default function ShareToGroup({ card, label, shareId }: { card: ShareCard; label: string; shareId?: string }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <TaroButton openType="share" className="share-to-group" data-share-id={shareId ?? ''}>
        {label}
      </TaroButton>
    );
  }
  const copy = () => {
    const base = typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}` : '';
    void Taro.setClipboardData({ data: `${card.title} ${base}#${card.path}` }).then(() => toast('链接已复制，可粘贴到群里'));
  };
  return (
    <View className="actions">
      <Button block round plain onClick={copy}>
        {label}
      </Button>
    </View>
  );
}

/** Which record a share-button tap was for (its data-share-id), in useShareAppMessage. */
export function sharedIdOf(res: { from?: string; target?: unknown }): string | undefined {
  const target = res.target as { dataset?: Record<string, unknown> } | undefined;
  const id = res.from === 'button' ? target?.dataset?.shareId : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * A page a shared card opened, reached by a WeChat user bound to nobody (the server answered
 * NOT_REGISTERED): binding first, then back to exactly this page.
 */
export function useBindThenBack(errorCode: string | null | undefined, back: string): void {
  useEffect(() => {
    if (errorCode === 'NOT_REGISTERED') void Taro.reLaunch({ url: route('welcome', { back }) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errorCode]);
}
