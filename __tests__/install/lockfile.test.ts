/**
 * The lock file is what `npm ci` installs on CI and on a fresh machine. `npm ci` refuses a
 * lock in which a dependency (optional ones included: other platforms' native bindings) has
 * no entry, so this holds the lock to the same rule, and to an explicit install-script
 * decision (package.json `allowScripts`) for every package that ships one.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

type LockEntry = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  hasInstallScript?: boolean;
  link?: boolean;
};

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Node's lookup: the nearest `node_modules/<name>` walking up from the dependent's folder. */
function resolve(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('package-lock.json', () => {
  it('is a version-3 lock whose root lists exactly package.json dependencies', () => {
    expect(lock.lockfileVersion).toBe(3);
    const top = lock.packages[''];
    expect(top.dependencies).toEqual(pkg.dependencies);
    expect((top as { devDependencies?: Record<string, string> }).devDependencies).toEqual(pkg.devDependencies);
  });

  it('has an entry for every dependency of every package, optional ones included (what npm ci requires)', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (entry.link) continue;
      const deps = { ...entry.dependencies, ...entry.optionalDependencies };
      for (const name of Object.keys(deps)) {
        if (!resolve(path, name)) missing.push(`${path || '(root)'} → ${name}@${deps[name]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every package that has an install script in allowScripts (run or denied, decided once)', () => {
    const decided = pkg.allowScripts ?? {};
    const undecided = Object.entries(lock.packages)
      .filter(([path, entry]) => path && entry.hasInstallScript)
      .map(([path, entry]) => `${packageName(path)}@${entry.version}`)
      .filter((id) => !(id.slice(0, id.lastIndexOf('@')) in decided) && !(id in decided));
    expect([...new Set(undecided)]).toEqual([]);
  });
});
