import { CST_OFFSET_MS } from '@domain/shared/time';

/** 2026-11-20 10:00 (China time). */
export function formatTime(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
