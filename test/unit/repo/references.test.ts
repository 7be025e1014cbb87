/**
 * The repository explains itself: no tracked file points at notes outside it, every
 * `docs/<page>.md#<anchor>` citation lands on a page and an anchor that exist, and every
 * repository file a Markdown page names (`lib/…`, `test/…`, …) exists.
 * Fails naming file:line. Reads the working tree only (git ls-files), no network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SELF = path.relative(ROOT, __filename).split(path.sep).join('/');
const SKIP = /(^|\/)package-lock\.json$|\.(png|jpe?g|gif|ico|svg|pdf|zip|gz|tgz|woff2?|ttf|lock)$/i;

/** Names of notes that live outside the repository, built so this file does not contain them. */
const OUTSIDE_NOTES = ['VENUES', 'DESIGN', 'STYLE', 'CHECKED'].map((n) => `${n}.md`);
const OUTSIDE_NOTE = new RegExp(`\\b(${OUTSIDE_NOTES.map((n) => n.replace('.', '\\.')).join('|')})\\b`);
const SHARED_DIR = new RegExp(['/work', 'shared'].join('/'));
/** A sibling folder of the repository, spelled so this file does not name it literally. */
const SIBLING = ['..', 'shared'].join('/');
const SEED = new RegExp(['\\bthe', 'seed\\b'].join(' '), 'i');
/** A relative path with at least one `../`, e.g. `../notes/x.md` or `../../lib/a.ts`. */
const CLIMB = /(?:^|[\s`'"(<[=:,])((?:\.\.\/)+[\w.@-][\w./@-]*)/g;
/** A repository path named in Markdown (`lib/engine/scan.ts`); docs/ is left out: SDKs have docs/ folders too. */
const REPO_PATH = /(?<![\w/.@-])((?:lib|functions|infra|local|test|bench)\/[\w./-]*\.(?:ts|js|mjs|json|md))\b/g;
/** `docs/<page>.md#<anchor>` (also `docs/adr/<page>.md#<anchor>`). */
const DOC_ANCHOR = /\bdocs\/([\w./-]+?\.md)#([\w-]+)/g;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && f !== SELF && !SKIP.test(f) && existsSync(path.join(ROOT, f)));
}

function readText(file: string): string | null {
  const buf = readFileSync(path.join(ROOT, file));
  return buf.includes(0) ? null : buf.toString('utf8');
}

const PROBE = ['', '.ts', '.js', '.json', '.md', '/index.ts'];

/**
 * Does `rel` climb out of the repository? Read from the file's folder it must stay inside; and a
 * docs-style path that would climb out when read from the root (a sibling folder's notes) must at least name
 * something that exists next to the file.
 */
function climbsOut(file: string, rel: string): boolean {
  const inside = (target: string) => target === ROOT || target.startsWith(ROOT + path.sep);
  // Installed dependencies are not notes (e.g. esbuild metafile inputs in tests).
  if (rel.replace(/^(\.\.\/)+/, '').startsWith('node_modules/')) return false;
  const fromFile = path.resolve(path.dirname(path.join(ROOT, file)), rel);
  if (!inside(fromFile)) return true;
  if (inside(path.resolve(ROOT, rel))) return false;
  return !PROBE.some((ext) => existsSync(fromFile + ext));
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function anchorsOf(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/\bid="([^"]+)"/g)) ids.add(m[1] as string);
  const seen = new Map<string, number>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1] as string);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

export interface Finding {
  readonly where: string;
  readonly problem: string;
}

export function findProblems(files: readonly string[], read: (f: string) => string | null): Finding[] {
  const findings: Finding[] = [];
  const anchorCache = new Map<string, Set<string> | null>();
  const anchors = (page: string) => {
    if (!anchorCache.has(page)) {
      const text = existsSync(path.join(ROOT, page)) ? read(page) : null;
      anchorCache.set(page, text === null ? null : anchorsOf(text));
    }
    return anchorCache.get(page) ?? null;
  };
  for (const file of files) {
    const text = read(file);
    if (text === null) continue;
    text.split('\n').forEach((line, i) => {
      const where = `${file}:${i + 1}`;
      const note = OUTSIDE_NOTE.exec(line);
      if (note) findings.push({ where, problem: `names ${note[1]}, a note outside the repository` });
      if (SHARED_DIR.test(line)) findings.push({ where, problem: 'points at a shared folder outside the repository' });
      if (SEED.test(line)) findings.push({ where, problem: 'says "the seed" instead of stating the rule' });
      for (const m of line.matchAll(CLIMB)) {
        const rel = m[1] as string;
        if (climbsOut(file, rel)) findings.push({ where, problem: `${rel} climbs out of the repository` });
      }
      if (file.endsWith('.md')) {
        for (const m of line.matchAll(REPO_PATH)) {
          const named = m[1] as string;
          const here = path.join(path.dirname(path.join(ROOT, file)), named);
          if (!existsSync(path.join(ROOT, named)) && !existsSync(here)) {
            findings.push({ where, problem: `${named} does not exist` });
          }
        }
      }
      for (const m of line.matchAll(DOC_ANCHOR)) {
        const page = `docs/${m[1]}`;
        const ids = anchors(page);
        if (ids === null) findings.push({ where, problem: `${page} does not exist` });
        else if (!ids.has(m[2] as string)) findings.push({ where, problem: `${page} has no anchor #${m[2]}` });
      }
    });
  }
  return findings;
}

describe('references in tracked files', () => {
  const files = trackedFiles();

  it('finds the tracked files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('never point outside the repository and every docs anchor resolves', () => {
    const found = findProblems(files, readText).map((f) => `${f.where}: ${f.problem}`);
    expect(found).toEqual([]);
  });

  it('catches each kind of bad reference (checked on made-up files)', () => {
    const fake: Record<string, string> = {
      'lib/a.ts': `// see ${SIBLING}/${OUTSIDE_NOTES[0]} P1\n// ${['the', 'seed'].join(' ')}'s limits`,
      'lib/b.ts': `// ${['/work', 'shared', 'x.md'].join('/')}\n// docs/venues-kalshi.md#no-such-anchor\n// docs/nope.md#x`,
      'lib/c.ts': "import x from '../../../outside';\nimport y from '../lib/core/money';",
      'docs/d.md': 'The engine is lib/engine/scan.ts, not lib/engine/gone.ts.',
    };
    const read = (f: string) => fake[f] ?? readText(f);
    const problems = findProblems(Object.keys(fake), read).map((f) => `${f.where}: ${f.problem}`);
    expect(problems).toEqual([
      `lib/a.ts:1: names ${OUTSIDE_NOTES[0]}, a note outside the repository`,
      `lib/a.ts:1: ${SIBLING}/${OUTSIDE_NOTES[0]} climbs out of the repository`,
      'lib/a.ts:2: says "the seed" instead of stating the rule',
      'lib/b.ts:1: points at a shared folder outside the repository',
      'lib/b.ts:2: docs/venues-kalshi.md has no anchor #no-such-anchor',
      'lib/b.ts:3: docs/nope.md does not exist',
      'lib/c.ts:1: ../../../outside climbs out of the repository',
      'docs/d.md:1: lib/engine/gone.ts does not exist',
    ]);
  });

  it('reads GitHub heading slugs and explicit ids', () => {
    const ids = anchorsOf('<a id="k1"></a>\n### K1. Hosts, series\n## 2. The admission condition\n## Auth ([P3](#p3))');
    expect([...ids].sort()).toEqual(['2-the-admission-condition', 'auth-p3p3', 'k1', 'k1-hosts-series']);
  });
});
