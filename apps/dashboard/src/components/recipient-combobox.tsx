import { useMemo, useState } from 'preact/hooks';
import type { User } from '../api/api-types';
import { matchUsers } from '../format/user-search';
import { Avatar } from './avatar';

interface RecipientComboboxProps {
  id: string;
  label: string;
  users: readonly User[];
  selected?: User;
  error?: string;
  disabled?: boolean;
  onSelect: (user: User | undefined) => void;
}

/**
 * A WAI-ARIA 1.2 combobox with a listbox popup: type to filter colleagues by name, arrows to
 * move, Enter to choose, Escape to close.
 */
export const RecipientCombobox = (props: RecipientComboboxProps) => {
  const { id, users, selected } = props;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-list`;
  const errorId = `${id}-error`;

  const text = selected ? selected.displayName : query;
  const matches = useMemo(() => matchUsers(users, query, 8), [users, query]);
  const expanded = open && !selected && query.trim() !== '';
  const activeUser = expanded ? matches[active] : undefined;

  const choose = (user: User) => {
    props.onSelect(user);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter' && expanded) {
      // Enter picks the highlighted colleague instead of submitting the form.
      event.preventDefault();
      if (activeUser) choose(activeUser);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div class="field combobox">
      <label for={id}>{props.label}</label>
      <div class="combobox-wrap">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          placeholder="Search a colleague by name"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeUser ? `${id}-option-${activeUser.username}` : undefined}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={errorId}
          disabled={props.disabled}
          value={text}
          onInput={(event) => {
            const value = event.currentTarget.value;
            if (selected) props.onSelect(undefined);
            setQuery(value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        {selected && (
          <span class="combobox-selected" aria-hidden="true">
            <Avatar avatar={selected.avatar} name={selected.displayName} size="sm" />
          </span>
        )}
        <ul id={listId} role="listbox" aria-label="Colleagues" class="listbox" hidden={!expanded}>
          {expanded && matches.length === 0 && (
            <li class="listbox-empty muted" role="presentation">
              No colleague matches “{query}”
            </li>
          )}
          {expanded &&
            matches.map((user, index) => (
              <li
                key={user.username}
                id={`${id}-option-${user.username}`}
                role="option"
                aria-selected={index === active}
                class={index === active ? 'option option-active' : 'option'}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(user);
                }}
                onMouseMove={() => setActive(index)}
              >
                <Avatar avatar={user.avatar} name={user.displayName} size="sm" />
                <bdi>{user.displayName}</bdi>
                <span class="muted option-username">@{user.username}</span>
              </li>
            ))}
        </ul>
      </div>
      <p id={errorId} class="field-error" aria-live="polite">
        {props.error}
      </p>
    </div>
  );
};
