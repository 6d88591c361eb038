import { useCallback } from 'react';
import { create } from 'zustand';

/**
 * Per-list UI state (page, sort, filters), kept while the app runs so that going to a detail
 * page and back returns to the same page of the same filtered list.
 */
type ListStates = Record<string, Record<string, unknown>>;

const useListStore = create<{ lists: ListStates; set(key: string, value: Record<string, unknown>): void }>((set) => ({
  lists: {},
  set: (key, value) => set((s) => ({ lists: { ...s.lists, [key]: value } })),
}));

export function useListState<T extends Record<string, unknown>>(key: string, defaults: T): [T, (patch: Partial<T>) => void] {
  const stored = useListStore((s) => s.lists[key]) as T | undefined;
  const setStored = useListStore((s) => s.set);
  const state = stored ?? defaults;
  const update = useCallback(
    (patch: Partial<T>) => setStored(key, { ...(useListStore.getState().lists[key] ?? defaults), ...patch }),
    // `defaults` is a literal at each call site; the key identifies the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, setStored],
  );
  return [state, update];
}
