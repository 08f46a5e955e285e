export interface FieldProps {
  label?: string;
  value: string;
  placeholder?: string;
  type?: 'text' | 'textarea' | 'number';
  maxlength?: number;
  required?: boolean;
  /** textarea grows with its content */
  autosize?: boolean;
  showWordLimit?: boolean;
  border?: boolean;
  /** Called with the new text on every change. */
  onChange: (value: string) => void;
}
