import { useSession } from './session';

// What each role may do in the console. The server enforces all of it (a
// reader's mutation answers FORBIDDEN); the console only disables what would
// be refused, and says why.

const LABELS: Record<string, string> = {
  reader: 'Reader',
  responder: 'Responder',
  admin: 'Administrator',
  ingest: 'Ingest',
};

/** roleLabel names a role for display. */
export function roleLabel(role: string): string {
  return LABELS[role] ?? role;
}

const CHANGE_STATUS = new Set(['responder', 'admin']);

/** canChangeStatus: the role may set statuses (one, in bulk) and merge incidents. */
export function canChangeStatus(role: string): boolean {
  return CHANGE_STATUS.has(role);
}

/**
 * useStatusPermission says whether the signed-in analyst may change statuses,
 * and if not, why. While the session is being checked nothing may; when the
 * check failed (the server could not say) the server decides.
 */
export function useStatusPermission(): { allowed: boolean; reason: string | null } {
  const s = useSession();
  if (s.status === 'error') return { allowed: true, reason: null };
  if (s.status !== 'signed-in') return { allowed: false, reason: null };
  const { role } = s.session;
  return canChangeStatus(role) ? { allowed: true, reason: null } : { allowed: false, reason: `Your role (${role}) cannot change statuses` };
}
