/**
 * The real management API: `@cloudbase/manager-node`, required only when a deploy actually runs,
 * so the project type-checks and its tests run without the package (and --dry-run needs neither
 * it nor credentials).
 */
import type { ManagerConfig, ManagerPort } from './port';

/** The version the deploy was written against (types/function/index.d.ts, types/database/index.d.ts). */
export const MANAGER_NODE_VERSION = '5.6.5';

export function openManager(config: ManagerConfig): ManagerPort {
  let CloudBase: new (c: ManagerConfig) => ManagerPort;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    CloudBase = require('@cloudbase/manager-node') as new (c: ManagerConfig) => ManagerPort;
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new Error(`@cloudbase/manager-node is not installed: npm install --save-dev @cloudbase/manager-node@${MANAGER_NODE_VERSION}`);
    }
    throw e;
  }
  const app = new CloudBase(config);
  // The getters hand out the environment's service objects; keep them (their methods use `this`).
  return { functions: app.functions, database: app.database };
}
