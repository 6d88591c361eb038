import { App, type FormInstance } from 'antd';
import { useErrorHandler } from '../../../api/errors';

/**
 * A modal form's onFinish: send the values, say `done` (translated already, as it may name the
 * record) and close. When the core refuses, its `fields` errors land next to their inputs and the
 * rest is a message, and the form stays open to be corrected. `send` returns null when there is
 * nothing to send (the record the modal was opened for is gone).
 */
export function useFormSubmit<V>(form: FormInstance<V>, send: (values: V) => Promise<unknown> | null, done: string, onClose: () => void) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  return async (values: V) => {
    try {
      const sending = send(values);
      if (!sending) return;
      await sending;
      void message.success(done);
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
}
