import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useT } from '../i18n';
import { ApiCallError } from './client';

/**
 * The one place failed calls become UI: field errors go next to their form fields, anything else
 * is a message. (UNAUTHENTICATED is handled by the session: see App.tsx.)
 */
export function useErrorHandler() {
  const t = useT();
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof ApiCallError) {
        const { code, fields } = err.error;
        if (form && fields) {
          form.setFields(Object.entries(fields).map(([name, key]) => ({ name: name.split('.'), errors: [t(key)] })));
        }
        if (code === 'UNAUTHENTICATED' && err.error.message === 'error.unauthenticated') return;
        void message.error(t(err.error.message, err.error.params));
        return;
      }
      void message.error(t('error.internal'));
    },
    [message, t],
  );
}
