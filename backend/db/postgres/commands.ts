import {
  DatabaseError,
  type Command,
  type LogicCommand,
  type Primitive,
  type Query,
  type QueryCommand,
  type UpdateCommand,
} from '../types';

/**
 * `db.command` for the PostgreSQL store: each builder returns an inert description
 * that ./where.ts and ./update.ts translate to SQL. Arguments are checked here so a bad
 * call fails where it is written.
 */
export type QueryNode =
  | { op: 'eq' | 'neq'; value: unknown }
  | { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number | string }
  | { op: 'in' | 'nin'; values: unknown[] }
  | { op: 'exists'; value: boolean }
  | { op: 'and' | 'or'; operands: QueryCmd[] };

export type UpdateNode =
  | { op: 'inc'; by: number }
  | { op: 'set'; value: unknown }
  | { op: 'remove' }
  | { op: 'push'; values: unknown[] };

export class QueryCmd implements QueryCommand {
  readonly __cmd = 'query' as const;
  constructor(readonly node: QueryNode) {}
  and(other: QueryCommand): QueryCommand {
    return new QueryCmd({ op: 'and', operands: [this, asQueryCmd(other)] });
  }
  or(other: QueryCommand): QueryCommand {
    return new QueryCmd({ op: 'or', operands: [this, asQueryCmd(other)] });
  }
}

export class LogicCmd implements LogicCommand {
  readonly __cmd = 'logic' as const;
  constructor(
    readonly op: 'and' | 'or',
    readonly operands: readonly Query[],
  ) {}
}

export class UpdateCmd implements UpdateCommand {
  readonly __cmd = 'update' as const;
  constructor(readonly node: UpdateNode) {}
}

function invalid(message: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', message);
}

function asQueryCmd(c: unknown): QueryCmd {
  if (c instanceof QueryCmd) return c;
  throw invalid('and()/or() on a query command takes another query command (e.g. _.lt(5))');
}

function primitive(v: unknown, what: string): Primitive {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw invalid(`${what} takes a string, finite number, boolean or null`);
}

function comparable(v: unknown, what: string): number | string {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw invalid(`${what} takes a string or a finite number`);
}

function list(vs: unknown, what: string): Primitive[] {
  if (!Array.isArray(vs)) throw invalid(`${what} takes an array`);
  return vs.map((v) => primitive(v, what));
}

function operands(qs: readonly unknown[]): Query[] {
  const flat = qs.length === 1 && Array.isArray(qs[0]) ? (qs[0] as unknown[]) : [...qs];
  return flat.map((q) => {
    if (typeof q !== 'object' || q === null) throw invalid('and()/or() take query objects');
    return q as Query;
  });
}

export const pgCommand: Command = {
  eq: (v) => new QueryCmd({ op: 'eq', value: primitive(v, 'eq') }),
  neq: (v) => new QueryCmd({ op: 'neq', value: primitive(v, 'neq') }),
  lt: (v) => new QueryCmd({ op: 'lt', value: comparable(v, 'lt') }),
  lte: (v) => new QueryCmd({ op: 'lte', value: comparable(v, 'lte') }),
  gt: (v) => new QueryCmd({ op: 'gt', value: comparable(v, 'gt') }),
  gte: (v) => new QueryCmd({ op: 'gte', value: comparable(v, 'gte') }),
  in: (vs) => new QueryCmd({ op: 'in', values: list(vs, 'in') }),
  nin: (vs) => new QueryCmd({ op: 'nin', values: list(vs, 'nin') }),
  exists: (b) => {
    if (typeof b !== 'boolean') throw invalid('exists takes a boolean');
    return new QueryCmd({ op: 'exists', value: b });
  },
  and: (...qs) => new LogicCmd('and', operands(qs)),
  or: (...qs) => new LogicCmd('or', operands(qs)),
  inc: (n) => {
    if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid('inc takes a finite number');
    return new UpdateCmd({ op: 'inc', by: n });
  },
  set: (v) => new UpdateCmd({ op: 'set', value: v }),
  remove: () => new UpdateCmd({ op: 'remove' }),
  // As the SDK: push(array) appends each element, push({ each }) too, push(x) appends x.
  push: (v) => {
    if (Array.isArray(v)) return new UpdateCmd({ op: 'push', values: [...v] });
    if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, 'each')) {
      const keys = Object.keys(v);
      const each: unknown = Reflect.get(v, 'each');
      if (keys.length !== 1 || !Array.isArray(each)) throw invalid('push({ each }) supports only `each` (an array)');
      return new UpdateCmd({ op: 'push', values: [...each] });
    }
    return new UpdateCmd({ op: 'push', values: [v] });
  },
};
