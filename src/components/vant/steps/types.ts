export interface Step {
  text: string;
  desc?: string;
}

export interface StepsProps {
  steps: Step[];
  /** Index of the current step; the ones before it are done. */
  active: number;
  direction?: 'horizontal' | 'vertical';
}
