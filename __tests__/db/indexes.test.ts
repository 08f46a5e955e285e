import {
  INDEXES,
  cloudbaseIndexPayloads,
  indexedCollections,
  renderCloudbaseIndexInstructions,
  type IndexSpec,
} from '@backend/db/indexes';
import { createIndexSql, indexName } from '@backend/db/postgres/schema';
import { FIELD_PATH, assertIdentifier } from '@backend/db/validate';

describe('INDEXES', () => {
  it('declares only valid collections, names and field paths, each name once per collection', () => {
    const seen = new Set<string>();
    for (const spec of INDEXES) {
      expect(() => assertIdentifier('collection', spec.collection)).not.toThrow();
      expect(() => indexName(spec)).not.toThrow(); // fits PostgreSQL's 63 characters
      expect(spec.fields.length).toBeGreaterThan(0);
      for (const f of spec.fields) {
        expect(f.field).toMatch(FIELD_PATH);
        expect(['asc', 'desc']).toContain(f.dir);
      }
      const key = `${spec.collection}.${spec.name}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});

describe('index rendering', () => {
  const specs: IndexSpec[] = [
    { collection: 'people', name: 'openid', unique: true, fields: [{ field: 'openid', dir: 'asc' }] },
    {
      collection: 'applications',
      name: 'hh_created',
      fields: [
        { field: 'householdId', dir: 'asc' },
        { field: 'meta.createdAt', dir: 'desc' },
      ],
    },
  ];

  it('builds PostgreSQL expression indexes matching the query expressions', () => {
    expect(createIndexSql('s', specs[0])).toBe(
      `CREATE UNIQUE INDEX IF NOT EXISTS "people__openid" ON "s"."people" ((doc -> 'openid') ASC NULLS FIRST) NULLS NOT DISTINCT`,
    );
    expect(createIndexSql('public', specs[1])).toBe(
      `CREATE INDEX IF NOT EXISTS "applications__hh_created" ON "public"."applications" ` +
        `((doc -> 'householdId') ASC NULLS FIRST, (doc #> '{meta,createdAt}') DESC NULLS LAST)`,
    );
  });

  it('renders CloudBase updateCollection payloads', () => {
    expect(cloudbaseIndexPayloads(specs)).toEqual([
      {
        collection: 'people',
        options: {
          CreateIndexes: [{ IndexName: 'openid', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'openid', Direction: '1' }] } }],
        },
      },
      {
        collection: 'applications',
        options: {
          CreateIndexes: [
            {
              IndexName: 'hh_created',
              MgoKeySchema: {
                MgoIsUnique: false,
                MgoIndexKeys: [
                  { Name: 'householdId', Direction: '1' },
                  { Name: 'meta.createdAt', Direction: '-1' },
                ],
              },
            },
          ],
        },
      },
    ]);
  });

  it('renders console instructions naming every index of the real list', () => {
    const md = renderCloudbaseIndexInstructions();
    for (const c of indexedCollections()) expect(md).toContain(`### ${c}`);
    for (const spec of INDEXES) expect(md).toContain(`| ${spec.name} |`);
    expect(md).toContain('"MgoIndexKeys"');
  });
});
