import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

/**
 * Puts each field error of a problem response next to its form field. The server names a
 * field by `path` ("username", "body.username" or "body/username"); the last segment is the
 * field name. Returns true when at least one error matched a field of the form.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError, fieldNames: readonly string[]): boolean {
  const byField = new Map<string, string[]>();
  for (const fieldError of error.fieldErrors) {
    const name = String(fieldError.path).split(/[./]/).filter(Boolean).pop() ?? '';
    if (!fieldNames.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), fieldError.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
