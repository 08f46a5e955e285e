/** Scheduled jobs (year end), also runnable by an admin. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobsApi {}
