/** 定点巡查 and household visits. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PatrolApi {}
