// Plain constants shared by the server and both web apps. No zod here: the citizens' portal imports
// them and must not pull the schema library into its bundle.

/** Every API answer carries the server's time (ISO) in this header: the apps count with it. */
export const SERVER_TIME_HEADER = 'x-server-time';

/** Where the staff console lives; the citizens' portal has the site's root. */
export const STAFF_BASE = '/staff';
