export interface CellProps {
  title: string;
  value?: string;
  /** A second, smaller line under the title. */
  label?: string;
  /** Shows an arrow: tapping goes somewhere. */
  isLink?: boolean;
  required?: boolean;
  center?: boolean;
  border?: boolean;
  onClick?: () => void;
}
