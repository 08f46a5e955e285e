/**
 * Syntax budget: every script of the weapp package parses as ES2017, so the oldest WebViews our
 * villagers' phones run (iOS before 13.4, with the project's `es6: false`) can load every page.
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'acorn';
import { DIST, assertBuilt } from './miniprogram';

function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return scripts(full);
    return e.name.endsWith('.js') || e.name.endsWith('.wxs') ? [full] : [];
  });
}

describe('weapp syntax budget (ES2017)', () => {
  beforeAll(() => assertBuilt());

  it('every JS file in dist/ parses as ES2017', () => {
    const files = scripts(DIST).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const file of files) {
      const code = fs.readFileSync(file, 'utf8');
      try {
        parse(code, { ecmaVersion: 2017, sourceType: 'script', allowHashBang: true });
      } catch (e) {
        const err = e as { message: string; pos?: number };
        const at = err.pos ?? 0;
        broken.push(`${path.relative(DIST, file)}: ${err.message} near …${code.slice(Math.max(0, at - 40), at + 40)}…`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the pages that import a zod constant carry no optional chaining or ??', () => {
    const code = fs.readFileSync(path.join(DIST, 'pkg-grid/events/index.js'), 'utf8');
    expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
  });
});
