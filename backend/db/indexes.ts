import type { SortDirection } from './types';

/**
 * Every database index, declared once. The PostgreSQL backend creates them (unique ones
 * enforce uniqueness locally exactly as CloudBase will); for CloudBase the same list is
 * rendered as console instructions / `updateCollection` payloads by the functions below.
 *
 * CloudBase (MongoDB) semantics worth knowing: a composite index serves queries on a
 * prefix of its fields; a unique index treats a missing field as null, so at most ONE
 * document may lack a uniquely-indexed field (the local backend enforces this too).
 */
export interface IndexField {
  /** Dot path, e.g. `status` or `address.doorNo`. */
  field: string;
  dir: SortDirection;
}

export interface IndexSpec {
  collection: string;
  /** Unique within the collection; letters, digits, underscore. */
  name: string;
  fields: IndexField[];
  unique?: boolean;
}

export const INDEXES: IndexSpec[] = [
  // Stored exports to purge (backend/jobs/purgeExports.ts): the oldest first.
  { collection: 'storedExports', name: 'createdAt', fields: [{ field: 'createdAt', dir: 'asc' }] },
  // 消息中心 (notices.*): a person's notices newest first, unread ones; the outbox's due items.
  {
    collection: 'notices',
    name: 'personId_createdAt',
    fields: [
      { field: 'personId', dir: 'asc' },
      { field: 'createdAt', dir: 'desc' },
    ],
  },
  {
    collection: 'notices',
    name: 'personId_readAt',
    fields: [
      { field: 'personId', dir: 'asc' },
      { field: 'readAt', dir: 'asc' },
    ],
  },
  // The role index: the reviewers/supervisors/admins of a village, the admins of a town (notices' recipients).
  {
    collection: 'roleHolders',
    name: 'scopeId_role',
    fields: [
      { field: 'scopeId', dir: 'asc' },
      { field: 'role', dir: 'asc' },
    ],
  },
  {
    collection: 'pushOutbox',
    name: 'status_nextAttemptAt',
    fields: [
      { field: 'status', dir: 'asc' },
      { field: 'nextAttemptAt', dir: 'asc' },
    ],
  },
  // Onboarding (org.*): who is bound (a person's WeChat, the village's bound households),
  // a household's card, join requests to decide, the binding log newest first.
  { collection: 'identities', name: 'personId', fields: [{ field: 'personId', dir: 'asc' }] },
  { collection: 'householdCodes', name: 'householdId', fields: [{ field: 'householdId', dir: 'asc' }] },
  {
    collection: 'joinRequests',
    name: 'householdId_status',
    fields: [
      { field: 'householdId', dir: 'asc' },
      { field: 'status', dir: 'asc' },
    ],
  },
  {
    collection: 'joinRequests',
    name: 'openid_createdAt',
    fields: [
      { field: 'openid', dir: 'asc' },
      { field: 'createdAt', dir: 'desc' },
    ],
  },
  {
    collection: 'bindingLog',
    name: 'villageId_at',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  { collection: 'people', name: 'householdId', fields: [{ field: 'householdId', dir: 'asc' }] },
  {
    collection: 'households',
    name: 'gridId_doorNo',
    fields: [
      { field: 'gridId', dir: 'asc' },
      { field: 'doorNo', dir: 'asc' },
    ],
  },
  { collection: 'households', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  // 单位积分: a village's units (the register, the publicity's unit lines), a 负责人's units.
  { collection: 'units', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  { collection: 'units', name: 'responsiblePersonId', fields: [{ field: 'responsiblePersonId', dir: 'asc' }] },
  { collection: 'grids', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  // Grid tree and roster (grid.*): one grid name per village; people of a village by name
  // (role picker) and by household (不漏人: people with no household; the roster import).
  {
    collection: 'grids',
    name: 'villageId_name',
    unique: true,
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'name', dir: 'asc' },
    ],
  },
  {
    collection: 'people',
    name: 'villageId_name',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'name', dir: 'asc' },
    ],
  },
  // 镇看板: a village's households with a bound WeChat (a count).
  { collection: 'households', name: 'villageId_bound', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'bound', dir: 'asc' }] },
  {
    collection: 'people',
    name: 'villageId_householdId',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'householdId', dir: 'asc' },
    ],
  },
  {
    collection: 'privacyReads',
    name: 'villageId_at',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  {
    collection: 'orgChanges',
    name: 'villageId_at',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  { collection: 'rosterImports', name: 'villageId_at', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  {
    collection: 'catalogueVersions',
    name: 'villageId_effectiveFrom',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'effectiveFrom', dir: 'asc' },
    ],
  },
  {
    collection: 'applications',
    name: 'householdId_createdAt',
    fields: [
      { field: 'householdId', dir: 'asc' },
      { field: 'createdAt', dir: 'desc' },
    ],
  },
  {
    collection: 'applications',
    name: 'gridId_status_createdAt',
    fields: [
      { field: 'gridId', dir: 'asc' },
      { field: 'status', dir: 'asc' },
      { field: 'createdAt', dir: 'asc' },
    ],
  },
  {
    collection: 'applications',
    name: 'villageId_status',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'status', dir: 'asc' },
    ],
  },
  // 申报's 常用: the village's items of the last 90 days (catalogue.current).
  {
    collection: 'applications',
    name: 'villageId_createdAt',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'createdAt', dir: 'desc' },
    ],
  },
  { collection: 'villages', name: 'townId', fields: [{ field: 'townId', dir: 'asc' }] },
  // A pushed photo verdict finds its check by trace id; the straggler poll takes the oldest pending.
  { collection: 'contentChecks', name: 'traceId', fields: [{ field: 'traceId', dir: 'asc' }] },
  {
    collection: 'contentChecks',
    name: 'state_requestedAt',
    fields: [
      { field: 'state', dir: 'asc' },
      { field: 'requestedAt', dir: 'asc' },
    ],
  },
  // A household's ledger, newest first, paged by seq (ledger.entries).
  {
    collection: 'ledgerEntries',
    name: 'householdId_seq',
    fields: [
      { field: 'householdId', dir: 'asc' },
      { field: 'seq', dir: 'desc' },
    ],
  },
  { collection: 'balances', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  // 积分台账: a village's entries of a period (sheets.pointsLedger).
  { collection: 'ledgerEntries', name: 'villageId_at', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'at', dir: 'asc' }] },
  { collection: 'villageTotals', name: 'townId', fields: [{ field: 'townId', dir: 'asc' }] },
  // A village's totals are the sum of its shards (fundRepo.totals).
  { collection: 'villageTotals', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  // Expired codes can be purged by expiry (and the collection exists from the start).
  { collection: 'redemptionCodes', name: 'expiresAt', fields: [{ field: 'expiresAt', dir: 'asc' }] },
  // The shelf of a village, cheapest first (shop.goods); one name per village.
  {
    collection: 'goods',
    name: 'villageId_price',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'price', dir: 'asc' },
    ],
  },
  {
    collection: 'goods',
    name: 'villageId_name',
    unique: true,
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'name', dir: 'asc' },
    ],
  },
  // A goods' stock is the sum of its shards; a village's shelf sums them all at once.
  { collection: 'stockShards', name: 'goodsId', fields: [{ field: 'goodsId', dir: 'asc' }] },
  { collection: 'stockShards', name: 'villageId', fields: [{ field: 'villageId', dir: 'asc' }] },
  {
    collection: 'stockMoves',
    name: 'goodsId_at',
    fields: [
      { field: 'goodsId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  // shop.receipts: a household's, a clerk's, a village's, newest first.
  {
    collection: 'receipts',
    name: 'householdId_at',
    fields: [
      { field: 'householdId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  {
    collection: 'receipts',
    name: 'clerkId_at',
    fields: [
      { field: 'clerkId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  {
    collection: 'receipts',
    name: 'villageId_at',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  {
    collection: 'fundEntries',
    name: 'villageId_at',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'at', dir: 'desc' },
    ],
  },
  // 网格员积分评定: a grid's records of a month (patrols and visits by China date; events
  // reported, closed or due in the month by instant), read by the assessment.
  { collection: 'patrols', name: 'gridId_date', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'date', dir: 'asc' }] },
  { collection: 'visits', name: 'gridId_date', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'date', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'gridId_createdAt', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'createdAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'gridId_closedAt', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'closedAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'gridId_deadlineAt', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'deadlineAt', dir: 'asc' }] },
  // 网格员积分评定台账: the town's and a village's rows of a month, a worker's own rows.
  { collection: 'gridAssessments', name: 'townId_month', fields: [{ field: 'townId', dir: 'asc' }, { field: 'month', dir: 'asc' }] },
  { collection: 'assessmentRows', name: 'villageId_month_gridId', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'month', dir: 'asc' }, { field: 'gridId', dir: 'asc' }] },
  { collection: 'assessmentRows', name: 'townId_month_villageId', fields: [{ field: 'townId', dir: 'asc' }, { field: 'month', dir: 'asc' }, { field: 'villageId', dir: 'asc' }] },
  { collection: 'assessmentRows', name: 'workerId_month', fields: [{ field: 'workerId', dir: 'asc' }, { field: 'month', dir: 'desc' }] },
  // 一季一公示: a village's quarters (newest first), the town's quarter; a household's line chunk;
  // objections of a publicity (by status) and an objector's own; a quarter's pending entries
  // of a village by period (month sums).
  { collection: 'publicities', name: 'villageId_quarter', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'quarter', dir: 'desc' }] },
  { collection: 'publicities', name: 'townId_quarter', fields: [{ field: 'townId', dir: 'asc' }, { field: 'quarter', dir: 'asc' }] },
  { collection: 'publicityLines', name: 'publicityId_firstKey', fields: [{ field: 'publicityId', dir: 'asc' }, { field: 'firstKey', dir: 'asc' }] },
  { collection: 'objections', name: 'publicityId_status_createdAt', fields: [{ field: 'publicityId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'createdAt', dir: 'desc' }] },
  { collection: 'objections', name: 'publicityId_createdAt', fields: [{ field: 'publicityId', dir: 'asc' }, { field: 'createdAt', dir: 'desc' }] },
  { collection: 'objections', name: 'objectorId_createdAt', fields: [{ field: 'objectorId', dir: 'asc' }, { field: 'createdAt', dir: 'desc' }] },
  // 工作台: a committee member's undecided objections of the village (backend/workbench/todo.ts).
  { collection: 'objections', name: 'villageId_status', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'status', dir: 'asc' }] },
  { collection: 'ledgerEntries', name: 'villageId_period_householdId', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'period', dir: 'asc' }, { field: 'householdId', dir: 'asc' }] },
  // 一票否决: a village's list and black list (黑榜) by event date; the countersign queue; a household's own.
  {
    collection: 'vetoes',
    name: 'villageId_eventDate',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'eventDate', dir: 'desc' },
    ],
  },
  {
    collection: 'vetoes',
    name: 'villageId_status_eventDate',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'status', dir: 'asc' },
      { field: 'eventDate', dir: 'desc' },
    ],
  },
  {
    collection: 'vetoes',
    name: 'householdId_eventDate',
    fields: [
      { field: 'householdId', dir: 'asc' },
      { field: 'eventDate', dir: 'desc' },
    ],
  },
  // 备案: the town's queue of submitted catalogue drafts.
  {
    collection: 'catalogueVersions',
    name: 'status_villageId',
    fields: [
      { field: 'status', dir: 'asc' },
      { field: 'villageId', dir: 'asc' },
    ],
  },
  // Year-end runs of a village, newest year first.
  {
    collection: 'jobRuns',
    name: 'villageId_year',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'year', dir: 'desc' },
    ],
  },
  { collection: 'policyChanges', name: 'villageId_at', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  // 一月一审核: a village's month of applications in _id order (the audit page's pages, the
  // close's pages, the undecided count): _id in the index so a page never scans other months.
  {
    collection: 'applications',
    name: 'villageId_auditMonth_id',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'auditMonth', dir: 'asc' },
      { field: '_id', dir: 'asc' },
    ],
  },
  // The month close's batches: the next households' decided applications, household by household.
  {
    collection: 'applications',
    name: 'villageId_auditMonth_householdId_id',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'auditMonth', dir: 'asc' },
      { field: 'householdId', dir: 'asc' },
      { field: '_id', dir: 'asc' },
    ],
  },
  // The months overview: a village's months newest first; the town's.
  {
    collection: 'auditMonths',
    name: 'villageId_month',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'month', dir: 'desc' },
    ],
  },
  {
    collection: 'auditMonths',
    name: 'townId_month',
    fields: [
      { field: 'townId', dir: 'asc' },
      { field: 'month', dir: 'desc' },
    ],
  },
  // 基础评分: a village's quarter (publicity posts it), paged by _id.
  {
    collection: 'baseScores',
    name: 'villageId_quarter',
    fields: [
      { field: 'villageId', dir: 'asc' },
      { field: 'quarter', dir: 'asc' },
    ],
  },
  // Grid events (events.*): a reporter's own; open/overdue by deadline and closed by date for a grid,
  // a village, the town or a handler; 回访 ratings per grid. Patrols: the worker's due check and
  // month, the 定点巡查台账 of a grid, village or town by instant.
  { collection: 'gridEvents', name: 'reporterId_createdAt', fields: [{ field: 'reporterId', dir: 'asc' }, { field: 'createdAt', dir: 'desc' }] },
  { collection: 'gridEvents', name: 'gridId_status_deadlineAt', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'deadlineAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'gridId_status_closedAt', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'closedAt', dir: 'desc' }] },
  { collection: 'gridEvents', name: 'villageId_status_deadlineAt', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'deadlineAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'villageId_status_closedAt', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'closedAt', dir: 'desc' }] },
  { collection: 'gridEvents', name: 'townId_status_deadlineAt', fields: [{ field: 'townId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'deadlineAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'townId_status_closedAt', fields: [{ field: 'townId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'closedAt', dir: 'desc' }] },
  { collection: 'gridEvents', name: 'handlerId_status_deadlineAt', fields: [{ field: 'handlerId', dir: 'asc' }, { field: 'status', dir: 'asc' }, { field: 'deadlineAt', dir: 'asc' }] },
  { collection: 'gridEvents', name: 'gridId_satisfaction', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'followUp.satisfaction', dir: 'asc' }] },
  { collection: 'patrols', name: 'gridId_workerId_at', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'workerId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  { collection: 'patrols', name: 'workerId_at', fields: [{ field: 'workerId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  { collection: 'patrols', name: 'villageId_at', fields: [{ field: 'villageId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  { collection: 'patrols', name: 'townId_at', fields: [{ field: 'townId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  { collection: 'patrols', name: 'gridId_at', fields: [{ field: 'gridId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
  { collection: 'visits', name: 'workerId_at', fields: [{ field: 'workerId', dir: 'asc' }, { field: 'at', dir: 'desc' }] },
];

/** Collections named by the index list, in first-seen order. */
export function indexedCollections(indexes: readonly IndexSpec[] = INDEXES): string[] {
  return [...new Set(indexes.map((i) => i.collection))];
}

/**
 * The payload `@cloudbase/manager-node`'s `database.updateCollection(name, options)` (the
 * TCB `UpdateTable` API) takes, one entry per collection: what a deploy script sends.
 */
export interface CloudbaseIndexPayload {
  collection: string;
  options: {
    CreateIndexes: {
      IndexName: string;
      MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[] };
    }[];
  };
}

export function cloudbaseIndexPayloads(indexes: readonly IndexSpec[] = INDEXES): CloudbaseIndexPayload[] {
  return indexedCollections(indexes).map((collection) => ({
    collection,
    options: {
      CreateIndexes: indexes
        .filter((i) => i.collection === collection)
        .map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIsUnique: i.unique === true,
            MgoIndexKeys: i.fields.map((f) => ({ Name: f.field, Direction: f.dir === 'asc' ? '1' : '-1' })),
          },
        })),
    },
  }));
}

/** Markdown steps for creating the indexes by hand in the CloudBase console (README, deploy notes). */
export function renderCloudbaseIndexInstructions(indexes: readonly IndexSpec[] = INDEXES): string {
  const lines: string[] = [
    '## CloudBase database indexes',
    '',
    'Console → 云开发 → 数据库 → <collection> → 索引管理 → 新建索引. Create each collection first',
    '(云开发 → 数据库 → 添加集合). "唯一" = unique; 升序 = ascending (1), 降序 = descending (-1).',
    'A unique index allows at most one document that lacks the field.',
    '',
  ];
  for (const collection of indexedCollections(indexes)) {
    lines.push(`### ${collection}`, '', '| 索引名称 | 唯一 | 字段 |', '| --- | --- | --- |');
    for (const i of indexes.filter((x) => x.collection === collection)) {
      const fields = i.fields.map((f) => `${f.field} ${f.dir === 'asc' ? '升序 (1)' : '降序 (-1)'}`).join(', ');
      lines.push(`| ${i.name} | ${i.unique === true ? '是' : '否'} | ${fields} |`);
    }
    lines.push('');
  }
  lines.push(
    'The same, as `updateCollection` payloads for `@cloudbase/manager-node`:',
    '',
    '```json',
    JSON.stringify(cloudbaseIndexPayloads(indexes), null, 2),
    '```',
    '',
  );
  return lines.join('\n');
}
