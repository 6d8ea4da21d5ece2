// Shapes of the Luchuang JSON API, as documented in the API contract.
export const ROLES = ['bureau_admin', 'district_officer', 'org_user', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
export type District = (typeof DISTRICTS)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  district: string | null;
  orgId: string | null;
  mustChangePassword: boolean;
}

export interface ManagedUser extends User {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface SessionResponse {
  user: User | null;
  csrfToken: string;
}

export interface Health {
  status: string;
  database: 'pglite' | 'postgresql' | string;
  schemaVersion: number;
  version: string;
}

export interface AuditEntry {
  id: number;
  /** Place in the hash chain; null for a record committed moments ago and not yet sealed. */
  seq: number | null;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export type ChainProblemKind = 'edited' | 'inserted' | 'deleted' | 'reordered';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** Records committed but not yet sealed into the chain when it was walked. */
  pending: number;
  problems: { seq: number; id?: number; kind: ChainProblemKind; message: string }[];
}

/** One field error of an RFC 9457 problem. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
}
