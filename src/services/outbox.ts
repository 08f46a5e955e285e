/**
 * 待发送: submissions that failed for the network are kept on the phone and sent again, with
 * backoff and the same requestId, until they land (the backend makes a repeated requestId
 * harmless, so "lands once" holds even when an answer was lost). Photos not yet uploaded are
 * kept as local paths and uploaded first. Other refusals stop the retrying and stay visible
 * with the server's words until the person removes them.
 */
import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, FunctionName } from '@domain/api/index';
import { call, isApiError, messageOf, uploadPhoto } from './api';

const KEY = 'xy-outbox';
const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 5 * 60_000;

export interface OutboxItem {
  /** The submission's requestId: also the item's id. */
  id: string;
  fn: FunctionName;
  action: string;
  input: Record<string, unknown>;
  /** Local photo paths still to upload, and the field of `input` their ids go to. */
  photoPaths: string[];
  /** What the person sees, e.g. "申报：参与志愿者服务活动". */
  label: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
  /** Set when the server refused it (not the network): no more retries. */
  failed: string | null;
}

type Listener = (items: OutboxItem[]) => void;
const listeners = new Set<Listener>();

function load(): OutboxItem[] {
  try {
    const raw = Taro.getStorageSync(KEY) as unknown;
    return Array.isArray(raw) ? (raw as OutboxItem[]) : [];
  } catch {
    return [];
  }
}

function store(items: OutboxItem[]): void {
  Taro.setStorageSync(KEY, items);
  for (const l of listeners) l(items);
}

export function outboxItems(): OutboxItem[] {
  return load();
}

export function onOutboxChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Backoff: 3 s, 6 s, 12 s … up to 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export const isNetworkError = (e: unknown) => isApiError(e) && e.code === 'NETWORK';

/** Keep a submission that failed for the network; it is sent by `flushOutbox`. */
export function enqueue<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A> & { requestId: string },
  label: string,
  photoPaths: string[] = [],
  now = Date.now(),
): OutboxItem {
  const items = load().filter((i) => i.id !== input.requestId);
  const item: OutboxItem = {
    id: input.requestId,
    fn,
    action: action as string,
    input: input as Record<string, unknown>,
    photoPaths,
    label,
    createdAt: now,
    attempts: 1,
    nextAt: now + retryDelay(1),
    failed: null,
  };
  store([...items, item]);
  return item;
}

export function removeFromOutbox(id: string): void {
  store(load().filter((i) => i.id !== id));
}

let flushing: Promise<number> | null = null;

/** Sends what is due (or everything with `force`); resolves to how many landed. One flush at a time. */
export function flushOutbox(force = false): Promise<number> {
  if (!flushing) {
    flushing = doFlush(force).finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function doFlush(force: boolean): Promise<number> {
  let landed = 0;
  for (const item of load()) {
    if (item.failed || (!force && item.nextAt > Date.now())) continue;
    try {
      const input = { ...item.input };
      if (item.photoPaths.length) {
        const ids: string[] = [];
        for (const p of item.photoPaths) ids.push(await uploadPhoto(p));
        input.photos = [...((input.photos as string[] | undefined) ?? []), ...ids];
        // Uploaded: keep the ids so that the next try does not upload them again.
        update(item.id, { input, photoPaths: [] });
      }
      await (call as unknown as (fn: string, action: string, input: Record<string, unknown>) => Promise<unknown>)(item.fn, item.action, input);
      removeFromOutbox(item.id);
      landed++;
    } catch (e) {
      if (isNetworkError(e)) {
        const attempts = item.attempts + 1;
        update(item.id, { attempts, nextAt: Date.now() + retryDelay(attempts) });
      } else {
        update(item.id, { failed: messageOf(e) });
      }
    }
  }
  return landed;
}

function update(id: string, patch: Partial<OutboxItem>): void {
  store(load().map((i) => (i.id === id ? { ...i, ...patch } : i)));
}

let started = false;

/** From app launch: a light timer for due retries, and an immediate try when the network comes back. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  setInterval(() => {
    if (load().some((i) => !i.failed)) void flushOutbox();
  }, 2_000);
  try {
    Taro.onNetworkStatusChange((s) => {
      if (s.isConnected) void flushOutbox(true);
    });
  } catch {
    // not available: the timer still retries
  }
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', () => void flushOutbox(true));
  }
  void flushOutbox(true);
}

/**
 * For a form's catch: when the error is the network's, keep the submission (its photos: those
 * uploaded by id, the rest as paths) and say so; true when kept. Other errors are the form's to show.
 */
export function keepIfOffline<F extends FunctionName, A extends ActionName<F>>(
  e: unknown,
  fn: F,
  action: A,
  input: Omit<ActionInput<F, A>, 'photos'> & { requestId: string },
  label: string,
  /** null: the action takes no photos. */
  photos: readonly string[] | null,
  uploaded: Map<string, string>,
): boolean {
  if (!isNetworkError(e)) return false;
  const ids = (photos ?? []).filter((p) => uploaded.has(p)).map((p) => uploaded.get(p) as string);
  const rest = (photos ?? []).filter((p) => !uploaded.has(p));
  const kept = photos ? { ...input, photos: ids } : input;
  enqueue(fn, action, kept as unknown as ActionInput<F, A> & { requestId: string }, label, rest);
  Taro.showToast({ title: '网络不好，已保存为待发送，联网后自动发送', icon: 'none', duration: 3000 });
  return true;
}
