// Reads the runners' own reports (vitest and Playwright JSON) and prints the one summary line.
// Exits 1 when a report is missing (its stage never ran) or shows a failure.
import fs from 'node:fs';

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const vitest = read('.reports/vitest.json');
const playwright = read('.reports/playwright.json');
let passed = 0;
let failed = 0;
const missing = [];

if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
} else missing.push('vitest');

if (playwright) {
  passed += (playwright.stats?.expected ?? 0) + (playwright.stats?.flaky ?? 0);
  failed += playwright.stats?.unexpected ?? 0;
  failed += (playwright.errors ?? []).length;
} else missing.push('playwright');

if (missing.length) console.log(`(no report from: ${missing.join(', ')}; that stage did not run)`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
