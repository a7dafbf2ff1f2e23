import type { ExtensionRequest } from './api.ts';

/** The tag colour of a request's status. */
export const STATUS_COLORS: Record<ExtensionRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  refused: 'error',
  withdrawn: 'default',
};
