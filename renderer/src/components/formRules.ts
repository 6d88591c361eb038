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

type PasswordRules = typeof import('../../../shared/domain/passwords');
type PasswordContext = import('../../../shared/domain/passwords').PasswordContext;

let passwordRules: Promise<PasswordRules> | null = null;

/**
 * The core's password rule (zxcvbn with its dictionaries, about 1 MB gzip) in a chunk of its own,
 * loaded the first time a new-password field appears rather than with the app.
 */
export function loadPasswordRules(): Promise<PasswordRules> {
  passwordRules ??= import('../../../shared/domain/passwords').catch((err: unknown) => {
    passwordRules = null; // let the next keystroke try again
    throw err;
  });
  return passwordRules;
}

/**
 * A new password must pass the same strength rule as in the core; the reason (too short, too
 * common, based on your name...) shows under the field while the user types. `context` names
 * whose password it is. If the rule cannot be loaded the field passes here: the core decides.
 */
export const strongPasswordRule =
  (t: Translate, context: () => PasswordContext = () => ({})): FormRule =>
  () => ({
    validator: async (_, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const rules = await loadPasswordRules().catch(() => null);
      const problem = await rules?.passwordProblem(value, context());
      if (problem) throw new Error(t(problem));
    },
  });
