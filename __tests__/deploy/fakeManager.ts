/**
 * An in-memory CloudBase environment behind the management API port: it records every call and
 * keeps state (functions with code, config and triggers; collections with indexes) so a second
 * deploy meets what the first one left, and refuses what CloudBase refuses (creating a function
 * or an index or a trigger that exists, describing a missing collection).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CreateIndex, ExistingIndex, ExistingTrigger, ManagerFunction, ManagerPort, ManagerTrigger } from '../../scripts/cloudbaseDeploy/port';

export interface Call {
  method: string;
  args: unknown[];
}

export interface FakeFunction {
  Runtime: string;
  Handler: string;
  Timeout: number;
  MemorySize: number;
  InstallDependency: boolean;
  Env: Record<string, string>;
  Triggers: ExistingTrigger[];
  /** Every file of the uploaded folder, relative, at upload time (the folder is removed afterwards). */
  files: string[];
  /** The uploaded index.js. */
  code: string;
}

export interface Upload {
  name: string;
  method: 'createFunction' | 'updateFunctionCode';
  files: string[];
  code: string;
  packageJson: string;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p, base) : [relative(base, p)];
  });
}

const timer = (t: ManagerTrigger): ExistingTrigger => ({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) });

export class FakeManager implements ManagerPort {
  calls: Call[] = [];
  uploads: Upload[] = [];
  fns = new Map<string, FakeFunction>();
  colls = new Map<string, ExistingIndex[]>();

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  private upload(name: string, method: Upload['method'], dir: string): Upload {
    const u: Upload = { name, method, files: listFiles(dir).sort(), code: readFileSync(join(dir, 'index.js'), 'utf8'), packageJson: readFileSync(join(dir, 'package.json'), 'utf8') };
    this.uploads.push(u);
    return u;
  }

  private fn(name: string): FakeFunction {
    const f = this.fns.get(name);
    if (!f) throw Object.assign(new Error(`ResourceNotFound.Function ${name}`), { code: 'ResourceNotFound.Function' });
    return f;
  }

  functions: ManagerPort['functions'] = {
    listAllFunctions: async (o) => {
      this.record('listAllFunctions', o);
      return [...this.fns].map(([FunctionName, f]) => ({ FunctionName, Runtime: f.Runtime, Status: 'Active' }));
    },
    getFunctionDetail: async (name) => {
      this.record('getFunctionDetail', name);
      const f = this.fn(name);
      return { FunctionName: name, Runtime: f.Runtime, Timeout: f.Timeout, MemorySize: f.MemorySize, Triggers: f.Triggers.map((t) => ({ ...t })) };
    },
    createFunction: async (p) => {
      this.record('createFunction', p);
      if (this.fns.has(p.func.name)) throw Object.assign(new Error('ResourceInUse.Function'), { code: 'ResourceInUse.Function' });
      const u = this.upload(p.func.name, 'createFunction', p.functionPath);
      this.fns.set(p.func.name, {
        Runtime: p.func.runtime ?? 'Nodejs20.19', // the SDK's default when none is given
        Handler: p.func.handler ?? 'index.main',
        Timeout: p.func.timeout ?? 3, // CloudBase's default when none is given
        MemorySize: p.func.memorySize ?? 256,
        InstallDependency: p.func.installDependency === true,
        Env: { ...(p.func.envVariables ?? {}) },
        Triggers: (p.func.triggers ?? []).map(timer),
        files: u.files,
        code: u.code,
      });
    },
    updateFunctionCode: async (p) => {
      this.record('updateFunctionCode', p);
      const f = this.fn(p.func.name);
      const u = this.upload(p.func.name, 'updateFunctionCode', p.functionPath);
      Object.assign(f, { files: u.files, code: u.code, Handler: p.func.handler ?? 'index.main', InstallDependency: p.func.installDependency === true });
    },
    updateFunctionConfig: async (func: ManagerFunction) => {
      this.record('updateFunctionConfig', func);
      const f = this.fn(func.name);
      if (func.timeout !== undefined) f.Timeout = func.timeout;
      if (func.memorySize !== undefined) f.MemorySize = func.memorySize;
      if (func.envVariables && Object.keys(func.envVariables).length) f.Env = { ...func.envVariables };
    },
    createFunctionTriggers: async (name, triggers) => {
      this.record('createFunctionTriggers', name, triggers);
      const f = this.fn(name);
      for (const t of triggers) {
        if (f.Triggers.some((x) => x.TriggerName === t.name)) throw new Error(`trigger ${t.name} exists`);
        f.Triggers.push(timer(t));
      }
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('deleteFunctionTrigger', name, triggerName);
      const f = this.fn(name);
      if (!f.Triggers.some((t) => t.TriggerName === triggerName)) throw new Error(`no trigger ${triggerName}`);
      f.Triggers = f.Triggers.filter((t) => t.TriggerName !== triggerName);
    },
    waitFunctionActive: async (name) => {
      this.record('waitFunctionActive', name);
      this.fn(name);
    },
  };

  database: ManagerPort['database'] = {
    createCollectionIfNotExists: async (name) => {
      this.record('createCollectionIfNotExists', name);
      if (this.colls.has(name)) return { IsCreated: false };
      this.colls.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
      return { IsCreated: true };
    },
    describeCollection: async (name) => {
      this.record('describeCollection', name);
      const idx = this.colls.get(name);
      if (!idx) throw new Error(`ResourceNotFound: collection ${name}`);
      return { Indexes: idx.map((i) => ({ ...i, Keys: i.Keys.map((k) => ({ ...k })) })) };
    },
    updateCollection: async (name, info: { CreateIndexes?: CreateIndex[]; DropIndexes?: { IndexName: string }[] }) => {
      this.record('updateCollection', name, info);
      const idx = this.colls.get(name);
      if (!idx) throw new Error(`ResourceNotFound: collection ${name}`);
      for (const d of info.DropIndexes ?? []) {
        const at = idx.findIndex((i) => i.Name === d.IndexName);
        if (at < 0) throw new Error(`no index ${d.IndexName}`);
        idx.splice(at, 1);
      }
      for (const c of info.CreateIndexes ?? []) {
        if (idx.some((i) => i.Name === c.IndexName)) throw new Error(`index ${c.IndexName} exists`);
        idx.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys.map((k) => ({ ...k })), Unique: c.MgoKeySchema.MgoIsUnique });
      }
    },
  };
}
