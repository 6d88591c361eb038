import pg from 'pg';

/**
 * The PostgreSQL server of the tests' PostgreSQL leg (OPSDESK_TEST_PG_SERVER, started by .ci/run or
 * `node scripts/pg-test-server.mjs start`): one place for the admin connection the core, CLI,
 * reliability, e2e and benchmark suites use to create and drop their databases.
 */
export function testServer(): string {
  const url = process.env.OPSDESK_TEST_PG_SERVER;
  if (!url) throw new Error('the PostgreSQL leg needs OPSDESK_TEST_PG_SERVER (node scripts/pg-test-server.mjs start)');
  return url;
}

/** The URL of `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(testServer());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `fn` on one connection to the test server (its maintenance database, or `database`). */
export async function onTestServer<T>(fn: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const client = new pg.Client({ connectionString: database ? databaseUrl(database) : testServer() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<void> {
  await onTestServer((c) => c.query(`CREATE DATABASE ${name}`));
}

export async function dropDatabase(name: string): Promise<void> {
  await onTestServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
