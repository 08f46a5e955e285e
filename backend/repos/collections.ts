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
} as const;
export type CollectionName = (typeof C)[keyof typeof C];
