/**
 * Setup of the node and browser jest projects: in-memory PGlite databases start from one
 * initdb'd data directory (backend/db/postgres/pgliteDriver.ts), kept in the temp folder per
 * PGlite version — the first database of a run makes it when it is missing.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
process.env.XIANGYUE_PGLITE_TEMPLATE ??= join(tmpdir(), `xiangyue-pglite-${version}.tar`);
