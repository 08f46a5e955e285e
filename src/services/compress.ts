/**
 * Photos go up at most this big (weak rural networks): the phone re-encodes larger ones as JPEG,
 * smaller and at lower quality step by step, until they fit (H5: canvas in transport.h5.ts;
 * weapp: wx.compressImage with compressedWidth in transport.weapp.ts).
 */
export const PHOTO_TARGET_BYTES = 300 * 1024;

export interface CompressStep {
  /** Longest side in px. */
  side: number;
  /** JPEG quality 0–1. */
  quality: number;
}

/** The tries, in order: first lower quality, then smaller sides. Pure, so it is tested without a canvas. */
export function compressSteps(longestSide: number): CompressStep[] {
  const steps: CompressStep[] = [];
  let side = Math.min(1600, longestSide);
  let quality = 0.8;
  for (let i = 0; i < 10; i++) {
    steps.push({ side, quality: Math.round(quality * 100) / 100 });
    if (quality > 0.5) quality -= 0.15;
    else side = Math.max(320, Math.round(side * 0.75));
  }
  return steps;
}
