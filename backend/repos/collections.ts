/** Every collection, named once. Indexes for them are declared in ../db/indexes.ts. */
export const C = {
  towns: 'towns',
  villages: 'villages',
  grids: 'grids',
  households: 'households',
  people: 'people',
  identities: 'identities',
  catalogueVersions: 'catalogueVersions',
  applications: 'applications',
  capCounters: 'capCounters',
  /** One per household: the sums of its ledger, updated with each entry. */
  balances: 'balances',
  /** The points ledger: append-only. */
  ledgerEntries: 'ledgerEntries',
  /** One per village: money, stock value and outstanding points, for the fund pool. */
  villageTotals: 'villageTotals',
  /** Short-lived household codes shown at the shop; the id is the 8 digits. */
  redemptionCodes: 'redemptionCodes',
  goods: 'goods',
  /** A goods' stock, in shards (`{goodsId}~s{nn}`, src/domain/shop/stockShards.ts). */
  stockShards: 'stockShards',
  /** Append-only: a goods' stock is the sum of its moves. */
  stockMoves: 'stockMoves',
  receipts: 'receipts',
  fundEntries: 'fundEntries',
  /** 一月一审核: one per village and month (`${villageId}_${YYYY-MM}`), see src/domain/audit/types.ts. */
  auditMonths: 'auditMonths',
  /** 基础评分: one per household per quarter (`${householdId}_${quarter}`). */
  baseScores: 'baseScores',
  /** 一季一公示: one per village and quarter (`${villageId}_${quarter}`), with its append-only history and 红黑榜. */
  publicities: 'publicities',
  /** The published lines, ~200 households to a document (src/domain/publicity/types.ts LineChunk). */
  publicityLines: 'publicityLines',
  /** 异议 against a publicity line, with both committees' signatures and history. */
  objections: 'objections',
  /** 一票否决 records. */
  vetoes: 'vetoes',
  /** Scheduled-job runs (year end): one per job × village × year, with a cursor so a crashed run resumes. */
  jobRuns: 'jobRuns',
  /** Append-only log of village policy (村规) changes. */
  policyChanges: 'policyChanges',
  /** Grid work records (src/domain/grid/records.ts). */
  patrols: 'patrols',
  visits: 'visits',
  gridEvents: 'gridEvents',
  /** 网格员积分评定: one per grid and month (`${gridId}_${month}`), with its append-only history. */
  gridAssessments: 'gridAssessments',
  /** 网格员积分评定台账: one row per worker per published grid-month (src/domain/grid/assessmentLedger.ts). */
  assessmentRows: 'assessmentRows',
  /** Append-only log of grid-tree and roster changes (who moved, renamed, assigned, imported what). */
  orgChanges: 'orgChanges',
  /** One per admin read of a tagged household's detail ("严格保护个人隐私" [002]). */
  privacyReads: 'privacyReads',
  /** One per imported roster file (id from the file's content and village). */
  rosterImports: 'rosterImports',
  /** Town- and village-admin claim codes, by the code's sha-256 (single use, expiring). */
  claimCodes: 'claimCodes',
  /** 一户一码: a household's binding-card code (the id is the code). */
  householdCodes: 'householdCodes',
  /** Wrong codes and phone digits per WeChat user (rate limit). */
  bindAttempts: 'bindAttempts',
  /** A WeChat user asking to join a household; the head or the grid worker decides. */
  joinRequests: 'joinRequests',
  /** Append-only: binds, unbinds, claims and appointments. */
  bindingLog: 'bindingLog',
  /** Content-security checks of attached photos (src/domain/moderation/verdicts.ts PhotoCheck). */
  contentChecks: 'contentChecks',
  /** 消息中心: one notice per person (id = (kind, subject, day) + person); village-wide ones once per village (src/domain/notices). */
  notices: 'notices',
  /** Who has read a village-wide notice (one per notice × person). */
  noticeReads: 'noticeReads',
  /** 订阅消息 one-time grants: one per person × template, with the count left. */
  subscribeGrants: 'subscribeGrants',
  /** 订阅消息 to push, with every attempt (src/domain/notices/outbox.ts). */
  pushOutbox: 'pushOutbox',
  /** The local stand-in sender's record of what would have been pushed. */
  pushLog: 'pushLog',
  /** 单位积分: one per village × normalized unit name (id from both), written with the unit — two registrations of one name cannot both land. */
  unitNames: 'unitNames',
  /** Exports written to storage (backend/sheets/deliver.ts): one per file, deleted with it a day later. */
  storedExports: 'storedExports',
  /** The role index: one per (scope, role, person) for committee and town roles (src/domain/org/roleHolders.ts). */
  roleHolders: 'roleHolders',
  /** 年度评比: one per village and year (`${villageId}_${year}`), draft → confirmed → published (src/domain/ranking/types.ts). */
  annualRankings: 'annualRankings',
  /** 单位积分: a village's units (shops, associations, cooperatives, village groups), src/domain/units/types.ts. */
  units: 'units',
} as const;
export type CollectionName = (typeof C)[keyof typeof C];
