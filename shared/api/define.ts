import type { z } from 'zod';
import type { PermissionKey } from '../domain/permissions.js';

/**
 * One contract method: its input schema (validated by the core before any handler runs), the
 * permission it needs, whether it writes, and (as a type only) what it returns.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly permission: PermissionKey;
  /** Mutations run in one transaction with their audit rows, one at a time. */
  readonly mutates: boolean;
  /**
   * 'call' (default): the whole call is one transaction. 'handler': the handler opens its own
   * transactions (ctx.withTransaction) around long work that must not hold one, e.g. a backup.
   */
  readonly transaction?: 'call' | 'handler';
  /** Type-level only: never set at run time. */
  readonly __output?: O;
}

interface SpecOptions<I extends z.ZodType> {
  input: I;
  permission: PermissionKey;
  transaction?: 'call' | 'handler';
}

/** A read. Usage: `query<Output>()({ input, permission })` (curried so Output can be named alone). */
export function query<O>() {
  return <I extends z.ZodType>(o: SpecOptions<I>): MethodSpec<I, O> => ({ ...o, mutates: false });
}

/** A write: one transaction, audited. */
export function mutation<O>() {
  return <I extends z.ZodType>(o: SpecOptions<I>): MethodSpec<I, O> => ({ ...o, mutates: true });
}

export type AnyContract = Record<string, MethodSpec>;

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/**
 * Joins per-area contracts into one. A method name defined twice is a programming error and
 * throws at load time rather than silently replacing the first definition.
 */
export function joinContracts<P extends AnyContract[]>(...parts: P): UnionToIntersection<P[number]> {
  const joined: AnyContract = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (Object.hasOwn(joined, name)) throw new Error(`Duplicate contract method: ${name}`);
      joined[name] = spec;
    }
  }
  return joined as UnionToIntersection<P[number]>;
}
