import { useMutation, useQueryClient } from '@tanstack/react-query';
import { inboxApi, inboxKeys } from './api.ts';

/** Marks an item read (quietly: opening it is the feedback) and refreshes the bell and lists. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => inboxApi.read(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
