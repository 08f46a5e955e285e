/**
 * The part of `@cloudbase/manager-node` (5.6.5) that `npm run deploy` uses, declared here so the
 * deploy logic type-checks and is tested against a stand-in without the package installed.
 * Each shape is copied from the package's own declarations (named per member); the real
 * services satisfy this interface as they are (see ./manager.ts).
 */

/** types/interfaces/function.interface.d.ts `ICloudFunctionTrigger`. Only `timer` is supported by BatchCreateTrigger. */
export interface ManagerTrigger {
  name: string;
  type: string;
  /** Seven-field cron. */
  config: string;
}

/** The subset of types/interfaces/function.interface.d.ts `ICloudFunction` we send. */
export interface ManagerFunction {
  name: string;
  /** e.g. `Nodejs18.15`; only honoured by CreateFunction (UpdateFunctionConfiguration ignores it). */
  runtime?: string;
  handler?: string;
  /** Seconds. */
  timeout?: number;
  memorySize?: number;
  /** Sent only when non-empty (the SDK skips an empty map), so it never clears variables. */
  envVariables?: Record<string, string>;
  /** TRUE: CloudBase runs `npm install` on package.json (our bundles keep @cloudbase/node-sdk external). */
  installDependency?: boolean;
  /** Wait for the dependency install after a code update (updateFunctionCode). */
  isWaitInstall?: boolean;
  triggers?: ManagerTrigger[];
}

/** types/function/index.d.ts `ICreateFunctionParam` (subset): code packed from `functionPath`. */
export interface CreateFunctionParam {
  func: ManagerFunction;
  functionPath: string;
  /** false: an existing function is an error, never silently overwritten. */
  force: boolean;
}

/** types/function/index.d.ts `IUpdateFunctionCodeParam` (subset). */
export interface UpdateFunctionCodeParam {
  func: ManagerFunction;
  functionPath: string;
}

/** types/function/types.d.ts `ITrigger`, as GetFunction answers (`TriggerDesc` of a timer: `{"cron":"…"}`). */
export interface ExistingTrigger {
  TriggerName: string;
  Type: string;
  TriggerDesc: string;
}

/** types/function/types.d.ts `IFunctionInfo` (subset). */
export interface ExistingFunction {
  FunctionName: string;
  Runtime: string;
  Timeout: number;
  MemorySize: number;
  Triggers: ExistingTrigger[];
}

/** types/interfaces/flexdb.interface.d.ts `MgoIndexKeys` / `CreateIndex` / `DropIndex`. */
export interface MgoIndexKey {
  Name: string;
  /** '1' ascending, '-1' descending. */
  Direction: string;
}
export interface CreateIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: MgoIndexKey[]; MgoIsUnique: boolean };
}

/** types/interfaces/flexdb.interface.d.ts `IndexInfo` (subset), as DescribeTable answers. */
export interface ExistingIndex {
  Name: string;
  Keys: { Name?: string; Direction?: string }[];
  Unique: boolean;
}

export interface ManagerFunctions {
  /** `listAllFunctions(options: IListFunctionOptions): Promise<Record<string, string>[]>` (FunctionName, Runtime, Status …). */
  listAllFunctions(options: { envId: string }): Promise<Record<string, string>[]>;
  /** `getFunctionDetail(name: string, codeSecret?: string): Promise<IFunctionInfo>`. */
  getFunctionDetail(name: string): Promise<ExistingFunction>;
  /** `createFunction(funcParam: ICreateFunctionParam)`: CreateFunction, waits until active, creates `func.triggers`. */
  createFunction(param: CreateFunctionParam): Promise<unknown>;
  /** `updateFunctionCode(funcParam: IUpdateFunctionCodeParam)`: UpdateFunctionCode (Handler, InstallDependency, code). */
  updateFunctionCode(param: UpdateFunctionCodeParam): Promise<unknown>;
  /** `updateFunctionConfig(func: ICloudFunction)`: UpdateFunctionConfiguration (Timeout, MemorySize, Environment …). */
  updateFunctionConfig(func: ManagerFunction): Promise<unknown>;
  /** `createFunctionTriggers(name: string, triggers?: ICloudFunctionTrigger[])`: BatchCreateTrigger. */
  createFunctionTriggers(name: string, triggers: ManagerTrigger[]): Promise<unknown>;
  /** `deleteFunctionTrigger(name: string, triggerName: string)`: DeleteTrigger (type timer). */
  deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
  /** `waitFunctionActive(funcName: string, codeSecret?: string): Promise<void>`. */
  waitFunctionActive(name: string): Promise<void>;
}

export interface ManagerDatabase {
  /** `createCollectionIfNotExists(collectionName: string): Promise<ICollectionExistInfo>` (DescribeTable, then CreateTable). */
  createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
  /** `describeCollection(collectionName: string): Promise<ITableInfo>` (DescribeTable: `Indexes`). */
  describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>;
  /** `updateCollection(collectionName: string, indexiesInfo: IIndexiesInfo)` (UpdateTable: CreateIndexes / DropIndexes). */
  updateCollection(name: string, info: { CreateIndexes?: CreateIndex[]; DropIndexes?: { IndexName: string }[] }): Promise<unknown>;
}

/** `new CloudBase(config)` → `.functions` (FunctionService) and `.database` (DatabaseService). */
export interface ManagerPort {
  functions: ManagerFunctions;
  database: ManagerDatabase;
}

/** `CloudBaseConfig` of types/index.d.ts (subset). */
export interface ManagerConfig {
  secretId: string;
  secretKey: string;
  token?: string;
  envId: string;
  region: string;
}
