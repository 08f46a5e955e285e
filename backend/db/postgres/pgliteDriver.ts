import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Blob } from 'node:buffer';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Driver, Queryable, QueryOptions, Row, SqlParam } from './driver';
import { Mutex } from './mutex';
import { PreparedStatements, wireQuery, type Call } from './pgliteWire';

/** Where a transaction stands: nothing sent yet, BEGIN sent, or committed (with its last statement). */
interface TxState {
  state: 'idle' | 'open' | 'committed';
}

/**
 * PGlite is one connection: every statement and every transaction goes through a mutex,
 * so a transaction's BEGIN…COMMIT never interleaves with anything else.
 */
export class PgliteDriver implements Driver {
  readonly singleConnection = true;
  private readonly mutex = new Mutex();

  constructor(
    private readonly pg: PGlite,
    private readonly ownsInstance = true,
  ) {}

  /** Statements of one transaction may be started together: one at a time into PGlite. */
  private readonly wire = new Mutex();

  /** Statements by id, kept prepared: parsed and planned once, not on every redemption. */
  readonly prepared = new PreparedStatements();

  private raw(sql: string, params: readonly SqlParam[] = [], options?: QueryOptions, call: Omit<Call, 'prepared' | 'close'> = { sync: true }, tx?: TxState): Promise<Row[]> {
    return this.wire.run(async () => {
      if (tx) {
        // The transaction's first statement carries its BEGIN; its last may carry its COMMIT.
        call = { begin: tx.state === 'idle', commit: options?.commit === true, sync: options?.commit === true };
        tx.state = call.commit ? 'committed' : 'open';
      }
      if (options?.reuse !== true) return wireQuery(this.pg, sql, params, call);
      const { prepared, close } = this.prepared.take(sql);
      try {
        const rows = await wireQuery(this.pg, sql, params, { ...call, prepared, close });
        this.prepared.settled(sql, prepared, true);
        return rows;
      } catch (e) {
        this.prepared.settled(sql, prepared, false);
        throw e;
      }
    });
  }

  query(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<Row[]> {
    // A plain SELECT changed nothing: no file system to sync after it.
    return this.mutex.run(() => this.raw(sql, params, options, { sync: !sql.startsWith('SELECT ') }));
  }

  /**
   * BEGIN rides with the transaction's first statement and COMMIT with its last (when the caller
   * marks it, QueryOptions.commit): a redemption is its statements, not two calls more. A
   * transaction that sent nothing sends no BEGIN and no COMMIT.
   */
  transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R> {
    return this.mutex.run(async () => {
      const tx: TxState = { state: 'idle' };
      const q: Queryable = {
        query: (sql, params, options) => {
          if (tx.state === 'committed') return Promise.reject(new Error('statement after the transaction committed'));
          return this.raw(sql, params, options, undefined, tx);
        },
      };
      try {
        const result = await fn(q);
        if (tx.state === 'open') await this.raw('COMMIT');
        tx.state = 'committed';
        return result;
      } catch (e) {
        // Also after a failed committing statement: its COMMIT then ended the transaction as a ROLLBACK.
        if (tx.state !== 'idle') await this.raw('ROLLBACK').catch(() => undefined);
        tx.state = 'committed';
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    if (this.ownsInstance) await this.mutex.run(() => this.pg.close());
  }
}

/**
 * In-memory when `dataDir` is absent; else file-backed (created if missing).
 *
 * An in-memory PGlite runs initdb each time (~3 s on a 2-core machine). With
 * XIANGYUE_PGLITE_TEMPLATE naming a file (the test setup does: ~100 databases a run), the first
 * one dumps its fresh data directory there and the others start from it (~1 s): the same
 * cluster initdb makes, as a backup restored.
 */
export async function createPgliteDriver(dataDir?: string): Promise<PgliteDriver> {
  // Loaded lazily so that importing the store never loads the WASM build.
  const { PGlite: Ctor } = loadPglite();
  // Only for in-memory databases; an empty variable is none.
  const template = (dataDir === undefined && process.env.XIANGYUE_PGLITE_TEMPLATE) || undefined;
  if (template !== undefined && existsSync(template)) {
    const pg = new Ctor({ loadDataDir: new Blob([readFileSync(template)]) as unknown as globalThis.Blob });
    await pg.waitReady;
    return new PgliteDriver(pg);
  }
  const pg = dataDir === undefined ? new Ctor() : new Ctor(dataDir);
  await pg.waitReady;
  if (template !== undefined) {
    const dump = await pg.dumpDataDir('none');
    const tmp = `${template}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, template);
  }
  return new PgliteDriver(pg);
}

type PgliteModule = typeof import('@electric-sql/pglite');

/** The parts of Node's CommonJS `Module` class used below. */
interface NodeModuleClass {
  new (id: string): { filename: string; paths: string[]; require(id: string): unknown };
  _nodeModulePaths(dir: string): string[];
}

/**
 * PGlite's CommonJS build does `import()` of Node built-ins, which Jest's module sandbox
 * refuses (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG) unless Node runs with
 * --experimental-vm-modules. Under Jest we therefore load it with Node's own loader: Jest's
 * `module` shim extends Node's Module class, so a Module instance of ours requires through
 * the real loader. (Its objects then come from Node's realm, hence the realm-neutral
 * isPlainObject in ../validate.ts.) Elsewhere this is a plain require.
 */
function loadPglite(): PgliteModule {
  if (process.env.JEST_WORKER_ID === undefined) return require('@electric-sql/pglite') as PgliteModule;
  const Module = require('node:module') as unknown as NodeModuleClass;
  const parent = new Module(__filename);
  parent.filename = __filename;
  parent.paths = Module._nodeModulePaths(dirname(__filename));
  return parent.require('@electric-sql/pglite') as PgliteModule;
}
