/** antd's validateFields rejects when a field is invalid; the fields already show why, so that is not an error. */
import type { FormInstance } from 'antd';

export async function validatedValues<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
