// Rebuilds the app into a temporary folder and fails when the result differs
// from the committed dist/ (which the Go binary embeds), so that a change to
// the sources cannot land without its build. Builds are deterministic: the
// same sources and lock file give the same bytes.
//   node scripts/build-check.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = mkdtempSync(join(tmpdir(), 'vigil-dist-'));

function files(dir) {
  const list = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else list.push(relative(dir, p));
    }
  };
  walk(dir);
  return list.sort();
}

try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  const want = files(out);
  const have = files(dist);
  const problems = [];
  for (const f of want) if (!have.includes(f)) problems.push(`missing from dist/: ${f}`);
  for (const f of have) if (!want.includes(f)) problems.push(`stale in dist/: ${f}`);
  for (const f of want) if (have.includes(f) && !readFileSync(join(out, f)).equals(readFileSync(join(dist, f)))) problems.push(`differs: ${f}`);
  if (problems.length) {
    console.error(`dist/ is not the build of these sources (${problems.length} differences):`);
    for (const p of problems.slice(0, 20)) console.error(`  ${p}`);
    console.error("run 'npm run build' in frontend/ and commit dist/");
    process.exit(1);
  }
  console.log(`dist/ is the build of these sources (${want.length} files)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
