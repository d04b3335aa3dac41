import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ProfileView } from '../../shared/api/reviewContract';
import type { Role } from '../../shared/review/reviewModel';
import { call } from '../api/client';

export interface ProfileState {
  /** Who uses this copy of the app; null until chosen (review actions ask for it). */
  profile: ProfileView | null;
  loaded: boolean;
  setProfile: (personId: string, role: Role) => Promise<ProfileView>;
  reload: () => Promise<void>;
}

const ProfileContext = createContext<ProfileState>({
  profile: null,
  loaded: false,
  setProfile: () => Promise.reject(new Error('No profile provider')),
  reload: async () => undefined,
});

export function useProfile(): ProfileState {
  return useContext(ProfileContext);
}

/** Loads the profile from main (app settings) and keeps the window title naming it. */
export function ProfileProvider({ workspaceName, children }: { workspaceName: string; children: ReactNode }) {
  const [profile, setProfileState] = useState<ProfileView | null>(null);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    try {
      setProfileState(await call('profile.get', {}));
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, workspaceName]);

  const setProfile = useCallback(async (personId: string, role: Role) => {
    const next = await call('profile.set', { personId, role });
    setProfileState(next);
    return next;
  }, []);

  // The title bar shows who is working, as what: "Versus Desk — Work — Ed Editor (editor)".
  useEffect(() => {
    const who = profile?.name ? ` — ${profile.name} (${profile.role})` : '';
    document.title = `Versus Desk — ${workspaceName}${who}`;
  }, [profile, workspaceName]);

  const value = useMemo(() => ({ profile, loaded, setProfile, reload }), [profile, loaded, setProfile, reload]);
  return <ProfileContext.Provider value={value}>{children}</ProfileContext.Provider>;
}
