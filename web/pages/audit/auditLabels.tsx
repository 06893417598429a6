import { Tag } from 'antd';
import {
  type AuditResult,
  auditActions,
  auditDetailKeys,
  auditReasons,
  auditResults,
  auditTargetTypes,
} from '../../../shared/enums';
import { isPermissionCode, permissions, roles } from '../../../shared/permissions';
import type { AuditEntry } from '../../api/audit';

const resultColors: Record<AuditResult, string> = { success: 'success', failure: 'error', denied: 'warning' };

function labelOf<T extends Record<string, string>>(labels: T, code: string | null): string | null {
  if (code === null) return null;
  return code in labels ? (labels[code as keyof T] ?? code) : code;
}

/** The Chinese label of an action code (the code itself for one added after this build). */
export const actionLabel = (code: string) => labelOf(auditActions, code) ?? code;

export const roleLabel = (code: string | null) =>
  code && code in roles ? roles[code as keyof typeof roles].name : code;

/** "账号 张三（#12）": the target's type, name and id, whichever are known. */
export function targetLabel(entry: AuditEntry): string {
  const type = labelOf(auditTargetTypes, entry.targetType);
  const name = entry.targetName ?? '';
  const id = entry.targetId ? `（#${entry.targetId}）` : '';
  return [type, `${name}${id}`].filter(Boolean).join(' ') || '—';
}

/** Who acted; a failed sign-in under an unknown name has no actor. */
export const actorLabel = (entry: AuditEntry) => entry.actorName ?? '—';

export function ResultTag({ result }: { result: AuditResult }) {
  return <Tag color={resultColors[result]}>{auditResults[result]}</Tag>;
}

/** Coded values shown in Chinese: reasons, permission codes and role codes. */
function valueLabel(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (key === 'reason') return auditReasons[value] ?? value;
  if (key === 'permission' && isPermissionCode(value)) return permissions[value];
  if (key === 'role') return roleLabel(value);
  return value;
}

/** Audit details with Chinese keys and values, for reading; unknown keys keep their code. */
export function translateDetails(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => translateDetails(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        auditDetailKeys[k] ?? k,
        translateDetails(v, k),
      ]),
    );
  }
  return valueLabel(key, value);
}
