interface PersonNameProps {
  displayName: string;
  username: string;
  /** Bold the display name, as the feed does for giver and receiver. */
  strong?: boolean;
}

/**
 * A colleague as people should read them: the display name isolated in `<bdi>`, so right-to-left
 * text in it cannot reorder what stands around it, and the unique `@username` beside it, so two
 * colleagues who chose the same display name still look different.
 */
export const PersonName = ({ displayName, username, strong }: PersonNameProps) => (
  <span class="person">
    {strong ? (
      <strong>
        <bdi class="person-name">{displayName}</bdi>
      </strong>
    ) : (
      <bdi class="person-name">{displayName}</bdi>
    )}{' '}
    <span class="person-username">@{username}</span>
  </span>
);
