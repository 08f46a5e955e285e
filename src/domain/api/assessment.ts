/** 网格员积分评定: the grid leader's monthly assessment of grid workers. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssessmentApi {}
