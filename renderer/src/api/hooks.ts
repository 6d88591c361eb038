import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/index';
import { api, type CallOptions } from './client';

/** Server data for a read method; the query key is the method and its input. */
export function useApiQuery<M extends MethodName>(method: M, input: InputOf<M>, options: { enabled?: boolean } = {}) {
  return useQuery<OutputOf<M>>({
    queryKey: [method, input],
    queryFn: () => api(method, input),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/**
 * A write. After success every active query is refreshed: data is local and reads are cheap,
 * so refreshing all is simpler and safer than tracking which lists a write touched.
 */
export function useApiMutation<M extends MethodName>(method: M, callOptions?: CallOptions) {
  const client = useQueryClient();
  return useMutation<OutputOf<M>, Error, InputOf<M>>({
    mutationFn: (input) => api(method, input, callOptions),
    onSuccess: () => client.invalidateQueries(),
  });
}
