/**
 * The Database conformance suite (./conformanceSuite.ts) on the production binding:
 * `fromCloudbase(app)` over the real `@cloudbase/node-sdk`, configured as in a function
 * container, talking to the local CloudBase stand-in (backend/db/standin) — snapshot reads,
 * first-writer-wins conflicts and the SDK's own retry, MongoDB query semantics.
 *
 * Tests that fail on CloudBase's semantics are listed below with the reason; the default run
 * expects them to fail (it.failing: red the day one passes, so the list stays true);
 * `XIANGYUE_CONFORMANCE_ALL=1` (npm run test:cloudbase) runs them as plain tests.
 */
import { openStandinDatabase } from '@backend/db/standin';
import { defineConformance } from './conformanceSuite';

// Every call is a real HTTP round trip through the SDK (a 620-document transaction makes
// ~2,500 of them): more time than the suite's 30 s on a loaded machine.
jest.setTimeout(120_000);

export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  // Query semantics: MongoDB refuses an empty $or / $and.
  'field-level .and / .or and top-level command.and / command.or':
    '_.or([]) / _.and([]) reach the server as {$or: []} / {$and: []}, which MongoDB refuses ("$and/$or/$nor must be a nonempty array"): DATABASE_REQUEST_FAILED, not [] / everything',
  // Validation the PostgreSQL implementation does and the SDK + binding do not.
  'rejects bad field paths and never splices values into SQL':
    'the SDK sends any field path (a..b, a\'b, 1a) and CloudBase matches nothing; _.gt(true), _.eq(NaN), a where-value _.inc(1) and collection names are not checked',
  'orders by several keys asc/desc; missing sorts lowest; numbers numerically; strings by bytes':
    "the orderings match; orderBy(field, 'up') throws the SDK's plain Error('排序字符不合法'), not a DatabaseError",
  'returns 100 documents by default, up to 1000 on request, and refuses more':
    'the 100 / 1000 caps hold; limit(0) is silently sent as limit 100 by the SDK (no INVALID_QUERY) and skip(-1) does not throw (the server refuses the offset at get())',
  'projects included or excluded fields, nested paths and _id':
    'projections match; field({x: true, y: false}) does not throw synchronously (the server refuses it at get())',
  'refuses values that would not round-trip':
    'CloudBase stores a Date (and Infinity) and gives it back; a dotted key is refused by the server as DATABASE_REQUEST_FAILED, an _.inc(1) inside add() is stored as a plain {operator, operands, fieldName} object',
  'set creates or replaces the whole document':
    "set() semantics match; set({_id}) and set({x: _.inc(1)}) are refused by the SDK with its own INVALID_PARAM / DATABASE_REQUEST_FAILED errors, which the binding does not map to INVALID_QUERY",
  // Update semantics.
  'update reports missing documents and refuses nonsense':
    "missing documents answer {updated: 0}; the refusals come back as DATABASE_REQUEST_FAILED (not INVALID_QUERY), and update({o: {p: 1}, 'o.p': 2}) is silently merged by the SDK into one $set",
  // Transactions.
  'reads through the transaction, refuses outside writes and nesting inside the callback':
    "a plain db.collection().count() inside the callback is outside the transaction: it does not see the transaction's own write (1, not 2); outside writes are not refused (they wait for the transaction)",
  'refuses operations that outlive their transaction; plain calls made later work normally':
    'an operation on a committed transaction answers DATABASE_TRANSACTION_FAIL (raw), not UNSUPPORTED',
};

defineConformance({
  name: 'cloudbase (node SDK → stand-in)',
  concurrent: true,
  firstWriterWins: true,
  knownFailures: KNOWN_FAILURES,
  async open(indexes) {
    const opened = await openStandinDatabase({ indexes, txLifetimeMs: 30_000 });
    return {
      db: opened.db,
      prepare: (name) => opened.standin.createCollection(name),
      close: () => opened.close(),
    };
  },
});
