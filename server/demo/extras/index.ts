import type { Database } from '@backend/db/types';
import type { DemoTown } from '../seed';
import { seedGovernanceDemo } from './governance';
import { seedAuditDemo } from './audit';
import { seedGridRosterDemo } from './gridRoster';
import { seedDemoEvents } from './events';
import { seedAssessmentDemo } from './assessment';
import { seedPublicityDemo } from './publicity';
import { seedRankingDemo } from './ranking';

/**
 * Demo data of later features (audit months, events, patrols …), one seeder per bounded
 * context in this folder. Each must be idempotent (fixed ids; running again writes nothing)
 * and must not change what the earlier demo households hold, which older tests rely on.
 */
export type DemoSeeder = (db: Database, t: DemoTown, now: number) => Promise<void>;

export const DEMO_SEEDERS: DemoSeeder[] = [seedGridRosterDemo, seedAuditDemo, seedDemoEvents, seedAssessmentDemo, seedGovernanceDemo, seedPublicityDemo, seedRankingDemo];

export async function seedDemoExtras(db: Database, t: DemoTown, now: number): Promise<void> {
  for (const seed of DEMO_SEEDERS) await seed(db, t, now);
}
