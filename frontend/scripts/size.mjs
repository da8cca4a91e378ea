// Measures the JavaScript the list page loads first (the entry script of
// dist/index.html and every chunk it imports statically, not the lazy ones
// such as GraphiQL), gzipped, and fails over the budget.
//   node scripts/size.mjs [dist] [--budget=200]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const budgetKB = Number((args.find((a) => a.startsWith('--budget=')) ?? '--budget=200').split('=')[1]);

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map(
  (m) => m[1],
);
if (!entries.length) {
  console.error(`size: no module script in ${dist}/index.html`);
  process.exit(1);
}

const seen = new Set();
const queue = [...entries];
let total = 0;
const rows = [];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  rows.push([file, code.length, gz]);
  // Static imports between chunks: import{…}from"./x.js" / import"./x.js" (dynamic import("./x.js") is lazy and not followed).
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    queue.push(join(file.slice(0, file.lastIndexOf('/')), m[1]).replace(/\\/g, '/'));
  }
}
for (const [file, raw, gz] of rows) console.log(`${(gz / 1024).toFixed(1).padStart(7)} kB gz ${(raw / 1024).toFixed(1).padStart(8)} kB  ${file}`);
const kb = total / 1024;
console.log(`list page first-load JS: ${kb.toFixed(1)} kB gzipped (budget ${budgetKB} kB)`);
if (kb > budgetKB) {
  console.error(`size: over the budget by ${(kb - budgetKB).toFixed(1)} kB`);
  process.exit(1);
}
