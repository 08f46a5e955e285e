/**
 * What the weapp build runs through Babel besides our own sources (Taro transpiles only `src/`
 * and Taro's own packages by default). Older iOS WebViews (before 13.4) cannot parse `?.`, `??`,
 * class fields and the like, and the project ships with `es6: false`, so every dependency that
 * carries modern syntax into a page is transpiled here. `__tests__/weapp/syntax.test.ts` parses
 * every file of `dist/` as ES2017 and names the file that breaks the budget.
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'acorn';

/** The newest syntax every script of the weapp package may use. */
export const SYNTAX_BUDGET = 2017 as const;

/** Packages known to be published with syntax newer than the budget (zod 4: `?.`, `??`). */
export const MODERN_PACKAGES = ['zod'];

const verdicts = new Map<string, boolean>();

function packageName(filename: string): string | null {
  const parts = filename.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  return parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

/** True when a script does not parse within the syntax budget (checked once per file). */
function beyondBudget(filename: string): boolean {
  const known = verdicts.get(filename);
  if (known !== undefined) return known;
  let modern = false;
  if (/\.(c|m)?js$/.test(filename)) {
    try {
      parse(fs.readFileSync(filename, 'utf8'), { ecmaVersion: SYNTAX_BUDGET, sourceType: 'module', allowHashBang: true });
    } catch {
      modern = true;
    }
  }
  verdicts.set(filename, modern);
  return modern;
}

/**
 * Predicate for Taro's `mini.compile.include`: a dependency's script that must go through Babel —
 * any file of a package listed above, and any other dependency file that does not parse as ES2017.
 */
export function needsTranspile(filename: string): boolean {
  const name = packageName(filename);
  if (!name) return false;
  if (MODERN_PACKAGES.includes(name)) return true;
  return beyondBudget(path.resolve(filename));
}
