import { STAFF_BASE } from '@bianmin/contracts';

export { STAFF_BASE };

/** A console page's address as the browser sees it (for links opened outside the router). */
export const staffHref = (path: string) => `${STAFF_BASE}${path}`;
