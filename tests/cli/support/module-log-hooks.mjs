// Node module hooks for tests/cli/startup.test.ts: appends the name of every package a process
// resolves to the file in OPSDESK_TEST_MODULE_LOG (the hooks run on their own thread).
import fs from 'node:fs';
import process from 'node:process';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved.url);
  if (pkg) fs.appendFileSync(process.env.OPSDESK_TEST_MODULE_LOG, `${pkg[1]}\n`);
  return resolved;
}
