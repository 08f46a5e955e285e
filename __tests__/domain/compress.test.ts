import { compressSteps, PHOTO_TARGET_BYTES } from '../../src/services/compress';

describe('photo compression steps (≤ 300 KB on weak networks)', () => {
  it('targets 300 KB', () => {
    expect(PHOTO_TARGET_BYTES).toBe(300 * 1024);
  });

  it('a large photo starts at 1600 px, lowers the quality first, then the size, never below 320 px', () => {
    const steps = compressSteps(4000);
    expect(steps[0]).toEqual({ side: 1600, quality: 0.8 });
    expect(steps[1].side).toBe(1600);
    expect(steps[1].quality).toBeLessThan(0.8);
    const sides = steps.map((s) => s.side);
    expect(sides).toEqual([...sides].sort((a, b) => b - a));
    expect(Math.min(...sides)).toBeGreaterThanOrEqual(320);
    expect(steps[steps.length - 1].side).toBeLessThan(1600);
    expect(steps.every((s) => s.quality >= 0.5 - 1e-9)).toBe(true);
  });

  it('a small photo is not enlarged', () => {
    expect(compressSteps(800)[0].side).toBe(800);
  });
});
