import type { Database } from '../db/types';
import type { FileStore } from '../files/port';
import type { ContentChecker } from '../moderation/port';
import type { PushChannel } from '../notices/push';

/** What a use case may touch. Time and ids come from here so the domain stays pure. */
export interface Deps {
  db: Database;
  files: FileStore;
  /** Content security: WeChat's checks in production, a stand-in locally (backend/moderation). */
  content: ContentChecker;
  now(): number;
  newId(): string;
  /** 订阅消息: the sender and this deployment's template ids. Absent: notices stay in the inbox only. */
  push?: PushChannel;
}

/** Who is calling: only ever the OPENID the platform put in the context. */
export interface Caller {
  openid: string | null;
}
