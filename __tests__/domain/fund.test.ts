import { emptyTotals, poolView, type VillageTotals } from '@domain/fund/types';

const t = (over: Partial<VillageTotals>): VillageTotals => ({ ...emptyTotals('v1', 't1', 0), ...over });

describe('poolView', () => {
  it('pool = in − out; liability = outstanding points × 1 yuan', () => {
    expect(poolView(t({ moneyInFen: 900_000, moneyOutFen: 400_000, stockValueFen: 350_000, outstandingPoints: 2_000, spentPoints: 50 }), '青山村')).toEqual({
      villageId: 'v1',
      villageName: '青山村',
      moneyInFen: 900_000,
      moneyOutFen: 400_000,
      poolFen: 500_000,
      stockValueFen: 350_000,
      liabilityFen: 200_000,
      outstandingPoints: 2_000,
      warning: null,
    });
  });

  it('warns only when the liability exceeds pool + stock', () => {
    expect(poolView(t({ moneyInFen: 100_000, moneyOutFen: 60_000, stockValueFen: 60_000, outstandingPoints: 1_000 }), 'v').warning).toBeNull(); // equal: covered
    expect(poolView(t({ moneyInFen: 100_000, moneyOutFen: 60_000, stockValueFen: 60_000, outstandingPoints: 1_001 }), 'v').warning).toBe(
      '未兑换积分折合 1001.00 元，超过基金池与库存合计 1000.00 元',
    );
  });

  it('an empty village owes nothing and warns of nothing', () => {
    expect(poolView(emptyTotals('v9', 't1', 5), '新村')).toMatchObject({ poolFen: 0, liabilityFen: 0, warning: null });
  });
});
