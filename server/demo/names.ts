/** Deterministic fake names for the demo town: the same seed gives the same town on every machine. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谢唐邓冯曾彭萧蔡潘田董袁'.split('');
const GIVEN = '秀英桂兰玉华建国明军伟芳丽强磊洋艳勇杰娟涛超霞平刚红梅金凤海燕春生德福志成永清'.split('');

/** mulberry32: tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

export function personName(r: () => number, surname?: string): string {
  const s = surname ?? pick(r, SURNAMES);
  return r() < 0.5 ? s + pick(r, GIVEN) : s + pick(r, GIVEN) + pick(r, GIVEN);
}

export function surnameOf(r: () => number): string {
  return pick(r, SURNAMES);
}
