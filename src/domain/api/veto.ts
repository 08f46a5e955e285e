/** 一票否决: negative-list events, countersigned. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VetoApi {}
