import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/index.js';
import { ERROR_CODES } from '../../shared/domain/errors.js';
import { ROLES } from '../../shared/domain/roles.js';
import type { Core } from '../../electron/core/index.js';
import { onPostgres, rows, tableNames } from './support/engine.js';
import { ADMIN, login, ok, openCore } from './support/harness.js';
import { demoWorld, VALID_INPUT, type World } from './support/world.js';
import { callerFor } from './support/attendance-world.js';

/**
 * For every write method, payloads built from its valid input: well-formed variations (other ids,
 * plausible text, generated import files), mutations (keys dropped, added, replaced by boundary
 * values) and arbitrary values. Each call answers with an envelope, never throws, never reports
 * INTERNAL, and a rejected call writes nothing.
 */
const WRITE_METHODS = METHOD_NAMES.filter((m) => contract[m].mutates);
/** About 1,000 runs in all by default; OPSDESK_FUZZ_RUNS=20000 for a longer hunt. */
const TOTAL_RUNS = Number(process.env.OPSDESK_FUZZ_RUNS ?? 1000);
const RUNS_PER_METHOD = Math.ceil(TOTAL_RUNS / WRITE_METHODS.length);

/**
 * Failed password checks are recorded on purpose even though the call is refused (the sign-in
 * counters must survive restarts, and failures are audited): only these tables may change then.
 */
const WRITES_ON_REJECTION: Partial<Record<MethodName, string[]>> = {
  'auth.login': ['audit_log', 'login_throttle'],
  'auth.changePassword': ['audit_log', 'login_throttle'],
};

async function tableHashes(core: Core): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const name of await tableNames(core)) {
    // Rows in a fixed order on either engine (PostgreSQL has no rowid): sorted by their JSON.
    const content = (await rows(core, `SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort();
    hashes.set(name, crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex'));
  }
  return hashes;
}

/**
 * Backups copy the desktop's SQLite file: on a PostgreSQL server these are refused, whatever the
 * (well-formed) input. Ill-formed input still gets its VALIDATION answer first.
 */
const REFUSED_ON_SERVER: readonly string[] = ['backup.create', 'backup.restore'];
const SERVER_REFUSAL = { code: 'INVALID_STATE', message: 'backup.problem.onServer' };
const refusedOnServer = (method: string) => onPostgres && REFUSED_ON_SERVER.includes(method);

/**
 * The valid input to start from. Where it names a backup file (made by backup.create, which a
 * server refuses), on PostgreSQL a desktop core of its own makes the backup and it is copied into
 * this department's backup folder, so the well-formed inputs still name a real backup file.
 */
async function validInput(w: World, method: MethodName): Promise<Payload> {
  if (!onPostgres || !['backup.inspect', 'backup.verify', 'backup.restore'].includes(method)) return (await VALID_INPUT[method](w)) as Payload;
  const desktop = await openCore({ databaseUrl: null });
  await ok(desktop.core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: false });
  const desktopAdmin = await login(desktop.core, ADMIN.username, ADMIN.password);
  const made = await ok(desktop.core, desktopAdmin, 'backup.create', {});
  const { folder } = await ok(w.core, w.admin, 'backup.overview', {});
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(made.path, path.join(folder, made.fileName));
  return method === 'backup.restore' ? { file: made.fileName, confirm: true } : { file: made.fileName };
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) => [...after.keys()].filter((t) => before.get(t) !== after.get(t));

/** Boundary values from the reliability notes, and the classic troublemakers. */
const nasty = fc.constantFrom<unknown>(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(256),
  '长'.repeat(5001),
  "' OR 1=1 --",
  'Robert"); DROP TABLE users;--',
  '%_\\',
  '2025-02-29',
  '2024-02-29',
  '2025-02-29T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '\ud800',
  '00000000-0000-0000-0000-000000000000',
  NaN,
  Infinity,
  -Infinity,
  -0,
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  Number.MAX_VALUE,
  null,
  true,
  false,
  [],
  {},
  { __proto__: null },
  [null],
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nasty },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid(),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

type Payload = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Strings a form could send: valid-looking names, numbers, dates, enum words, injection text. */
const plausibleString = fc.oneof(
  fc.constantFrom(
    '张三',
    '项目运营组',
    '专员',
    'YY001',
    'yy002',
    'T0001',
    "' OR 1=1 --",
    '%',
    '_',
    'a@b.com',
    '13800000000',
    '2024-02-29',
    '2025-02-29',
    '2026-03-03T01:00:00.000Z',
    '2026-03-01T00:00:00Z',
    'male',
    'female',
    'active',
    'left',
    'zh-CN',
    'en-US',
    'approve',
    'reject',
    'employee',
    'group',
    'position',
    'user',
    'admin',
    'staff1',
    'Temp-pass-1',
    'Admin-pass-1',
    'a.txt',
    'x.csv',
    'x.xlsx',
    '',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** An employee file with plausible cells, as base64, so imports get past the file checks. */
const csvBase64 = fc
  .array(fc.array(plausibleString, { minLength: 4, maxLength: 10 }), { minLength: 1, maxLength: 6 })
  .map((rows) => Buffer.from([['工号', '姓名', '性别', '入职日期', '小组', '直属上级', '岗位', '电话', '邮箱', '状态'], ...rows].map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\n')).toString('base64'));

/** A value of the same kind as `v`: a known or random id for an id, a plausible string for text... */
function likeValue(v: unknown, key: string, ids: string[]): fc.Arbitrary<unknown> {
  const someId = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  if (key === 'contentBase64') return csvBase64;
  if (typeof v === 'boolean') return fc.boolean();
  if (typeof v === 'number') return fc.integer({ min: -2, max: 30 });
  if (typeof v === 'string') return UUID.test(v) ? someId : plausibleString;
  if (v === null) return fc.oneof(fc.constant(null), someId);
  if (Array.isArray(v)) return fc.array(typeof v[0] === 'string' && !UUID.test(v[0]) ? fc.constantFrom(...ROLES, 'boss') : someId, { maxLength: 4 });
  if (typeof v === 'object') return variations(v as Payload, ids);
  return value;
}

/** Well-formed variations of the valid input: some fields keep their value, others get one of the same kind. */
function variations(base: Payload, ids: string[]): fc.Arbitrary<Payload> {
  return fc.record(
    Object.fromEntries(
      Object.entries(base).map(([k, v]) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: likeValue(v, k, ids) })]),
    ),
  ) as fc.Arbitrary<Payload>;
}

/** Ids of the records in the database, so variations hit existing rows too. */
async function knownIds(core: Core): Promise<string[]> {
  const tables = ['org_employees', 'org_groups', 'org_positions', 'users', 'approval_requests', 'reminders', 'attachments', 'notifications'];
  const ids: string[] = [];
  for (const t of tables) ids.push(...(await rows<{ id: string }>(core, `SELECT id FROM "${t}"`)).map((r) => r.id));
  return ids;
}

/** One change to an object: drop a key, replace a value (also inside nested objects), or add a key. */
function mutation(keys: string[], nestedKeys: Map<string, string[]>): fc.Arbitrary<(p: Payload) => Payload> {
  const someKey = keys.length ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.oneof(
    someKey.map((k) => (p: Payload) => {
      const { [k]: _dropped, ...rest } = p;
      return rest;
    }),
    fc.tuple(someKey, value).map(([k, v]) => (p: Payload) => ({ ...p, [k]: v })),
    // An extra own key, as JSON.parse makes it (even "__proto__").
    fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'id'), fc.string({ maxLength: 8 })), value).map(([k, v]) => (p: Payload) => {
      const out = { ...p };
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    }),
    ...[...nestedKeys].map(([k, inner]) =>
      fc.tuple(fc.constantFrom(...inner), value).map(([ik, v]) => (p: Payload) => ({ ...p, [k]: { ...(p[k] as Payload), [ik]: v } })),
    ),
  );
}

function payloads(base: Payload, ids: string[]): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const nested = new Map(
    Object.entries(base)
      .filter(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v))
      .map(([k, v]) => [k, Object.keys(v as object)]),
  );
  const mutated = fc.array(mutation(keys, nested), { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((p, m) => m(p), base));
  const arbitraryObject = fc.dictionary(fc.oneof(keys.length ? fc.constantFrom(...keys) : fc.string(), fc.string({ maxLength: 6 })), value, { maxKeys: 5 });
  return fc.oneof(
    { weight: 4, arbitrary: variations(base, ids) },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: arbitraryObject },
    { weight: 1, arbitrary: value },
  );
}

function checkEnvelope(method: string, input: unknown, result: unknown): void {
  const r = result as { ok: boolean; data?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } };
  const context = { method, input: safeJson(input) };
  expect({ ...context, ok: typeof r.ok }).toEqual({ ...context, ok: 'boolean' });
  if (refusedOnServer(method)) {
    // Never done on a server: either the input is ill-formed, or it is the documented refusal.
    expect({ ...context, ok: r.ok }).toEqual({ ...context, ok: false });
    if (r.error!.code !== 'VALIDATION') {
      expect({ ...context, error: r.error }).toEqual({ ...context, error: SERVER_REFUSAL });
      return;
    }
  }
  if (r.ok) return;
  expect({ ...context, code: r.error!.code }).toEqual({ ...context, code: expect.toBeOneOf(ERROR_CODES.filter((c) => c !== 'INTERNAL')) });
  // A translated key: the general errors, or a backup refusal the Data page explains (backup.problem.*).
  expect(r.error!.message).toMatch(/^(error|backup\.problem)\.[A-Za-z]+$/);
  if (r.error!.code === 'VALIDATION') {
    expect(Object.keys(r.error!.fields ?? {}).length).toBeGreaterThan(0);
    for (const key of Object.values(r.error!.fields!)) expect(key).toMatch(/^(validation|import)\.[A-Za-z.]+$/);
  }
}

/** A rejected call changed no table except those it may write on purpose (see WRITES_ON_REJECTION). */
async function expectNothingWritten(core: Core, method: string, input: unknown, before: Map<string, string>, allowed: string[]): Promise<void> {
  const changed = changedTables(before, await tableHashes(core)).filter((t) => !allowed.includes(t));
  expect({ method, input: safeJson(input), changed }).toEqual({ method, input: safeJson(input), changed: [] });
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}

describe('fuzzing the write methods', () => {
  it('covers every write method', () => {
    expect(WRITE_METHODS.length).toBeGreaterThan(25);
    expect(RUNS_PER_METHOD * WRITE_METHODS.length).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });

  it.each(WRITE_METHODS)('%s answers arbitrary and mutated input with an envelope, and rejections write nothing', async (method) => {
    const w = await demoWorld();
    const base = await validInput(w, method);
    const allowed = WRITES_ON_REJECTION[method] ?? [];
    if (refusedOnServer(method)) expect(await w.core.call(method, base, { token: w.admin })).toEqual({ ok: false, error: SERVER_REFUSAL });
    let accepted = 0;
    const token = await callerFor(w, method);
    await fc.assert(
      fc.asyncProperty(payloads(base, await knownIds(w.core)), async (input) => {
        const before = await tableHashes(w.core);
        const result = await w.core.call(method, input, { token });
        checkEnvelope(method, input, result);
        if (result.ok) {
          accepted++;
          return;
        }
        await expectNothingWritten(w.core, method, input, before, allowed);
      }),
      { numRuns: RUNS_PER_METHOD },
    );
    expect(accepted).toBeLessThan(RUNS_PER_METHOD); // the generators do produce rejections
  });
});

describe('bodies that are not objects', () => {
  // A random run found org.employees.update answering INTERNAL to null (a refinement read the body
  // before the object had parsed); every method gets each of these every run, not by chance.
  const NON_OBJECTS: unknown[] = [null, undefined, 0, 'x', [], true, [{}]];
  it('every method answers them with an envelope, never INTERNAL, and writes nothing', async () => {
    const w = await demoWorld();
    for (const method of METHOD_NAMES) {
      for (const input of NON_OBJECTS) {
        const before = await tableHashes(w.core);
        const result = await w.core.call(method, input, { token: w.admin });
        checkEnvelope(method, input, result);
        if (result.ok) continue;
        await expectNothingWritten(w.core, method, input, before, WRITES_ON_REJECTION[method] ?? []);
      }
    }
  });
});
