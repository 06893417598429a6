import { App, type FormInstance, type FormItemProps, type GetProp } from 'antd';
import { useCallback } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { common } from '../locales/zh-CN';

type NamePath = GetProp<FormItemProps, 'name'>;

/** Where an API field (dotted, e.g. "grants.0.role") lives in a form when the names differ. */
export type FieldMap = Record<string, NamePath>;

function toNamePath(field: string, fieldMap: FieldMap): NamePath {
  return fieldMap[field] ?? field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function setFieldErrors(form: FormInstance, problems: { field: string; message: string }[], fieldMap: FieldMap) {
  form.setFields(problems.map((p) => ({ name: toNamePath(p.field, fieldMap), errors: [p.message] })));
}

/**
 * Validates a payload with the endpoint's own zod schema before sending, so the form applies
 * exactly the server's rules; problems land on the form's fields. Returns whether it passed.
 */
export function checkWithSchema(schema: z.ZodType, payload: unknown, form: FormInstance, fieldMap: FieldMap = {}) {
  const result = schema.safeParse(payload);
  if (result.success) return true;
  setFieldErrors(
    form,
    result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    fieldMap,
  );
  return false;
}

const sessionCodes = new Set(['auth/unauthenticated', 'auth/session_expired', 'auth/password_change_required']);

/**
 * Shows a failed call to the user: the server's Chinese message, plus its field problems on the
 * form when one is given. Session problems are left to the shell, which redirects.
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance, fieldMap: FieldMap = {}) => {
      if (!(error instanceof ApiError)) {
        message.error(common.serverUnavailable);
        return;
      }
      if (sessionCodes.has(error.code)) return;
      if (form && error.fieldProblems.length > 0) setFieldErrors(form, error.fieldProblems, fieldMap);
      message.error(error.message);
    },
    [message],
  );
}
