/** Grid events: report, escalate, dispatch, handle, close, 回访. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventsApi {}
