/**
 * The demo town's people the function tests act as (server/demo/seed.ts).
 * 青山村 is village 1, 柳溪村 village 2; the test household is 青山村 一组3号 (h-qs-1-03).
 */
export const ADMIN = 'demo-admin-1';
export const ADMIN_OTHER_VILLAGE = 'demo-admin-2';
export const CLERK = 'demo-clerk-1';
export const CLERK_OTHER_VILLAGE = 'demo-clerk-2';
export const LEADER_G1 = 'demo-gridleader-1-1';
export const WORKER_G1 = 'demo-gridworker-1-1'; // lives in 一组 1号
export const WORKER_G2 = 'demo-gridworker-1-2';
export const WORKER_OTHER_VILLAGE = 'demo-gridworker-2-1';
export const HEAD = 'demo-head-1';
export const REVIEWER = 'demo-reviewer-1-1'; // 一组11号: no points
export const REVIEWER_OTHER_VILLAGE = 'demo-reviewer-2-1';
export const SUPERVISOR = 'demo-supervisor-1-1';
export const TOWN = 'demo-town-admin';
export const VILLAGER = 'demo-villager-1';
export const VILLAGER_OTHER_VILLAGE = 'demo-villager-2'; // 柳溪村 一组3号
export const OTHER_HOUSEHOLD = 'demo-villager-b-1'; // 二组5号, 120 points
export const STRANGER = 'stranger-openid';
