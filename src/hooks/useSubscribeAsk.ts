import { useRemote } from './useRemote';
import { call } from '../services/api';
import { askSubscribe } from '../services/subscribe';
import type { SubscribeAsk } from '@domain/notices/policy';

/**
 * The template ids of one natural ask, loaded when the page opens (a tap must not wait for
 * them), and the function to call first thing in that tap.
 */
export function useSubscribeAsk(ask: SubscribeAsk): () => void {
  const templates = useRemote(() => call('notices', 'templates', {}));
  return () => askSubscribe(templates.data?.asks[ask] ?? []);
}
