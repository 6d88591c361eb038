import { contract, METHOD_NAMES, type MethodName, type OutputOf, type ParsedInputOf } from '../../../shared/api/index.js';
import type { Ctx } from './context.js';

export type Handler<M extends MethodName> = (ctx: Ctx, input: ParsedInputOf<M>) => Promise<OutputOf<M>> | OutputOf<M>;
export type HandlerMap<K extends MethodName> = { [P in K]: Handler<P> };

/** Declares an area's handlers; typed from the contract so names, inputs and outputs match it. */
export function defineHandlers<K extends MethodName>(map: HandlerMap<K>): HandlerMap<K> {
  return map;
}

export type Registry = ReadonlyMap<MethodName, Handler<MethodName>>;

/**
 * Joins every area's handlers. Refuses a method registered twice, a handler for a method the
 * contract does not have, and a contract method with no handler: all are programming errors
 * caught when the core starts (and by a test), not when a user clicks.
 */
export function buildRegistry(parts: Partial<HandlerMap<MethodName>>[]): Registry {
  const map = new Map<MethodName, Handler<MethodName>>();
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (!Object.hasOwn(contract, name)) throw new Error(`Handler for unknown method: ${name}`);
      if (map.has(name as MethodName)) throw new Error(`Duplicate handler for method: ${name}`);
      map.set(name as MethodName, handler as Handler<MethodName>);
    }
  }
  const missing = METHOD_NAMES.filter((name) => !map.has(name));
  if (missing.length > 0) throw new Error(`Contract methods without a handler: ${missing.join(', ')}`);
  return map;
}
