import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { HEAD, VILLAGER, VILLAGER_OTHER_VILLAGE } from '../support/people';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const submit = async (who: string, itemCode: string) =>
  h.ok(who, 'points', 'submit', {
    requestId: `req-popular-${++seq}`,
    itemCode,
    deedDate: '2026-11-18',
    place: '村委会',
    description: '参加村里的活动',
    photos: [await upload(h, JPEG, who)],
  });

describe('catalogue.current: the village\'s most used items first (申报 常用)', () => {
  it('lists the items reported most in the village, most first, and not other villages\'', async () => {
    const before = await h.ok(VILLAGER, 'catalogue', 'current', {});
    expect(before.popular).toEqual([]);
    await submit(VILLAGER, 'PV-05');
    await submit(HEAD, 'PV-05');
    await submit(VILLAGER, 'RB-06');
    await submit(VILLAGER_OTHER_VILLAGE, 'SA-07');
    const after = await h.ok(VILLAGER, 'catalogue', 'current', {});
    expect(after.popular).toEqual(['PV-05', 'RB-06']);
    expect((await h.ok(VILLAGER_OTHER_VILLAGE, 'catalogue', 'current', {})).popular).toEqual(['SA-07']);
  }, 60_000);
});
