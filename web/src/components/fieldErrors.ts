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

/**
 * Like applyFieldErrors, for forms with nested fields (lists of contacts and the like): the
 * path "body.contacts.0.email" goes to the field ['contacts', 0, 'email']. Only errors whose
 * first segment is one of `fieldNames` are placed. Returns true when at least one was placed.
 */
export function applyNestedFieldErrors(form: FormInstance, error: ApiError, fieldNames: readonly string[]): boolean {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fieldError of error.fieldErrors) {
    const segments = String(fieldError.path).split(/[./]/).filter(Boolean);
    if (segments[0] === 'body') segments.shift();
    if (!segments.length || !fieldNames.includes(segments[0])) continue;
    const name = segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return byField.size > 0;
}
