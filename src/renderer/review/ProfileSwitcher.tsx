import { useId, useState, type FormEvent } from 'react';
import type { Person } from '../../shared/model/person';
import type { Role } from '../../shared/review/reviewModel';
import { errorText } from '../api/client';
import { Dialog } from '../app/Dialog';
import { useProfile } from './ProfileContext';
import { FormFooter } from '../app/FormFooter';

/** The top bar's "who am I": a button naming the profile, and a dialog to switch person and role. */
export function ProfileSwitcher({ people }: { people: readonly Person[] }) {
  const { profile, setProfile } = useProfile();
  const [open, setOpen] = useState(false);
  const label = profile?.name ? `${profile.name} · ${profile.role === 'editor' ? 'Editor' : 'Writer'}` : 'Choose profile';
  return (
    <>
      <button
        type="button"
        className={`button small profile-button${profile?.name ? '' : ' needs-profile'}`}
        aria-label={`Profile: ${profile?.name ? `${profile.name}, ${profile.role}` : 'not chosen'}. Switch profile`}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true" className="profile-dot" />
        {label}
      </button>
      {open && (
        <ProfileDialog
          people={people}
          initialPerson={profile?.name ? profile.personId : (people[0]?.id ?? '')}
          initialRole={profile?.role ?? 'writer'}
          onSave={async (personId, role) => {
            await setProfile(personId, role);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}

interface ProfileDialogProps {
  people: readonly Person[];
  initialPerson: string;
  initialRole: Role;
  onSave: (personId: string, role: Role) => Promise<void>;
  onCancel: () => void;
}

function ProfileDialog({ people, initialPerson, initialRole, onSave, onCancel }: ProfileDialogProps) {
  const [personId, setPersonId] = useState(initialPerson);
  const [role, setRole] = useState<Role>(initialRole);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!personId) {
      setError('Add yourself under People first, then choose your name here.');
      return;
    }
    setBusy(true);
    try {
      await onSave(personId, role);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Who is working?" onDismiss={onCancel}>
      <form onSubmit={(e) => void submit(e)} className="dialog-body">
        <p className="hint">Review actions record your name. Writers submit; editors approve, request changes and sign off.</p>
        <label htmlFor={selectId} className="field-label">Your name</label>
        <select id={selectId} className="input" value={personId} onChange={(e) => setPersonId(e.target.value)} autoFocus>
          {people.length === 0 && <option value="">No people in this workspace yet</option>}
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <fieldset className="role-choice">
          <legend>Role</legend>
          {(['writer', 'editor'] as const).map((r) => (
            <label key={r}>
              <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
              {r === 'writer' ? 'Writer' : 'Editor'}
            </label>
          ))}
        </fieldset>
        <FormFooter error={error} onCancel={onCancel} submit="Switch" busy={busy} />
      </form>
    </Dialog>
  );
}
