import type { FormRule } from 'antd';
import type { Translate } from '../i18n';

/**
 * Form rules several forms share. They only give quick feedback: the core checks every value
 * again and its field errors land next to the same fields.
 */
export const requiredRule = (t: Translate): FormRule => ({ required: true, message: t('validation.required') });

/** A "confirm password" field must repeat `field`. */
export const repeatsRule =
  (t: Translate, field: string): FormRule =>
  ({ getFieldValue }) => ({
    validator: (_, value) => (value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
  });
