import { create } from 'zustand';
import type { SessionUser } from '../../../shared/api/auth';

/** Who is signed in. Server data lives in query hooks; only the session is kept here. */
export type SessionStatus = 'unknown' | 'needsSetup' | 'signedOut' | 'signedIn';

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  departmentName: string;
  /** Set when the core answered UNAUTHENTICATED for a signed-in user. */
  expired: boolean;
  signedIn(user: SessionUser, departmentName: string): void;
  signedOut(expired?: boolean): void;
  setStatus(status: SessionStatus, departmentName?: string): void;
  updateUser(patch: Partial<SessionUser>): void;
}

export const useSession = create<SessionState>((set) => ({
  status: 'unknown',
  user: null,
  departmentName: '',
  expired: false,
  signedIn: (user, departmentName) => set({ status: 'signedIn', user, departmentName, expired: false }),
  signedOut: (expired = false) => set({ status: 'signedOut', user: null, expired }),
  setStatus: (status, departmentName) => set((s) => ({ status, departmentName: departmentName ?? s.departmentName })),
  updateUser: (patch) => set((s) => (s.user ? { user: { ...s.user, ...patch } } : {})),
}));
