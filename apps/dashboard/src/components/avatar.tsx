interface AvatarProps {
  avatar?: string;
  name: string;
  size?: 'sm' | 'md' | 'lg';
}

/** The user's emoji, or their initial on a tinted disc; decorative, the name is always beside it. */
export const Avatar = ({ avatar, name, size = 'md' }: AvatarProps) => (
  <span class={`avatar avatar-${size}${avatar ? '' : ' avatar-initial'}`} aria-hidden="true">
    {avatar ?? (name.trim()[0] ?? '?').toUpperCase()}
  </span>
);
