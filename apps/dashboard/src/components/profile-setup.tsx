import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { profileFormErrors, type FormErrors, type ProfileField } from '../api/api-error';

const AVATARS = ['🦊', '🐼', '🐨', '🦁', '🐯', '🐸', '🐙', '🦄', '🐝', '🐧', '🌵', '⭐'];

interface ProfileSetupProps {
  api: ApiClient;
  suggestedName?: string;
  suggestedAvatar?: string;
  onSaved: () => void;
}

/** First sign-in: the API answers 403 `profile-required` until the caller has a profile. */
export const ProfileSetup = ({
  api,
  suggestedName,
  suggestedAvatar,
  onSaved,
}: ProfileSetupProps) => {
  const [displayName, setDisplayName] = useState(suggestedName ?? '');
  const [avatar, setAvatar] = useState(suggestedAvatar ?? AVATARS[0]);
  const [errors, setErrors] = useState<FormErrors<ProfileField>>({ fields: {} });
  const [saving, setSaving] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    if (!displayName.trim()) {
      setErrors({ fields: { displayName: 'Tell your colleagues your name.' } });
      return;
    }
    setSaving(true);
    try {
      await api.saveProfile({ displayName: displayName.trim(), avatar });
      onSaved();
    } catch (failure) {
      setErrors(profileFormErrors(failure));
    } finally {
      setSaving(false);
    }
  };

  const options = avatar && !AVATARS.includes(avatar) ? [avatar, ...AVATARS] : AVATARS;

  return (
    <section class="panel panel-give" aria-labelledby="profile-heading">
      <header class="panel-header">
        <h2 id="profile-heading">Create your profile</h2>
      </header>
      <p class="muted">
        Colleagues see your name and emoji on the board. You can give rewards once it is saved.
      </p>
      <form class="give-form" noValidate onSubmit={onSubmit}>
        <div class="field">
          <label for="profile-name">Display name</label>
          <input
            id="profile-name"
            type="text"
            autoComplete="name"
            maxLength={64}
            value={displayName}
            aria-invalid={errors.fields.displayName ? true : undefined}
            aria-describedby="profile-name-error"
            onInput={(event) => setDisplayName(event.currentTarget.value)}
          />
          <p id="profile-name-error" class="field-error" aria-live="polite">
            {errors.fields.displayName}
          </p>
        </div>
        <fieldset class="field avatar-picker">
          <legend>Avatar</legend>
          {options.map((emoji) => (
            <label key={emoji} class="avatar-option">
              <input
                type="radio"
                name="avatar"
                value={emoji}
                checked={avatar === emoji}
                onChange={() => setAvatar(emoji)}
              />
              <span aria-hidden="true">{emoji}</span>
              <span class="visually-hidden">{emoji}</span>
            </label>
          ))}
          <p class="field-error" aria-live="polite">
            {errors.fields.avatar}
          </p>
        </fieldset>
        <p class="field-error" aria-live="polite">
          {errors.form}
        </p>
        <button type="submit" class="button button-primary button-wide" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
      </form>
    </section>
  );
};
