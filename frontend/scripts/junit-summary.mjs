// Prints one line, "frontend: N passed, N failed", summed over the JUnit
// reports of the frontend's suites (Vitest in two time zones, Playwright).
// CI reads that line; it does not read Vitest's or Playwright's own summary.
// A suite whose report is missing counts as one failure: it did not run.
//   node scripts/junit-summary.mjs [reports-dir]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'reports');
const suites = ['vitest-utc.xml', 'vitest-new-york.xml', 'playwright.xml'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of suites) {
  const file = join(dir, name);
  if (!existsSync(file)) {
    console.error(`frontend: ${name} is missing (the suite did not run)`);
    failed++;
    continue;
  }
  const xml = readFileSync(file, 'utf8');
  // Count the test cases themselves (robust to how a runner fills the <testsuites> totals).
  for (const m of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[2] ?? '';
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
    else passed++;
  }
}
console.log(`frontend: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
