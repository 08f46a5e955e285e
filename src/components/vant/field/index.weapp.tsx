import type { FC } from 'react';
import type { FieldProps } from './types';

const Field: FC<FieldProps> = ({ label, value, placeholder, type = 'text', maxlength = -1, required, autosize, showWordLimit, border = true, onChange }) => (
  <van-field
    label={label ?? ''}
    value={value}
    placeholder={placeholder ?? ''}
    type={type}
    maxlength={maxlength}
    required={!!required}
    autosize={type === 'textarea' && autosize ? { minHeight: 80 } : false}
    showWordLimit={!!showWordLimit}
    border={border}
    onChange={(e) => onChange(typeof e.detail === 'string' ? e.detail : String(e.detail ?? ''))}
  />
);

export default Field;
