import { useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ApiError, rewardFormErrors, type FormErrors, type RewardField } from '../api/api-error';
import type { Reward, User } from '../api/api-types';
import { createKeyKeeper } from '../api/idempotency-key';
import type { RetryInfo } from '../api/retrying-fetch';
import { charCount, insertAt, MESSAGE_MAX } from '../format/message-text';
import { exactUser } from '../format/user-search';
import { RecipientCombobox } from './recipient-combobox';

const EMOJI: { emoji: string; name: string }[] = [
  { emoji: '🎉', name: 'party popper' },
  { emoji: '🙏', name: 'thank you' },
  { emoji: '🚀', name: 'rocket' },
  { emoji: '💯', name: 'hundred points' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '😂', name: 'tears of joy' },
];

const POINTS_MAX = 100;

interface GiveRewardPanelProps {
  api: ApiClient;
  /** Everyone but the caller. */
  colleagues: readonly User[];
  allowanceLeft?: number;
  onGiven: (reward: Reward) => void;
}

const noErrors: FormErrors<RewardField> = { fields: {} };

/**
 * Checks what the browser can know. The allowance is left to the API: it can change between
 * page load and submit (another tab, the generator), and the API's answer says what is left.
 */
const validate = (
  recipient: User | undefined,
  points: string,
  message: string,
): FormErrors<RewardField> => {
  const fields: FormErrors<RewardField>['fields'] = {};
  if (!recipient) fields.to = 'Choose a colleague from the list.';
  const value = Number(points);
  if (!/^\d+$/.test(points.trim()) || value < 1 || value > POINTS_MAX) {
    fields.points = `Points must be a whole number from 1 to ${POINTS_MAX}.`;
  }
  const length = charCount(message.trim());
  if (length === 0) fields.message = 'Write a few words to say thanks.';
  else if (length > MESSAGE_MAX) fields.message = `Keep it to ${MESSAGE_MAX} characters.`;
  return { fields };
};

/** What the page says while it tries again. */
const retryStatus = (info: RetryInfo): string => {
  const wait = Math.max(1, Math.round(info.delayMs / 1_000));
  const why = info.reason === 'network' ? 'No answer from the service' : 'The service is busy';
  return `${why} — retrying in ${wait} s (attempt ${info.attempt} of ${info.attempts})…`;
};

/** An answer that leaves open whether the reward was stored: only a retry with its key can tell. */
const isUnconfirmed = (error: unknown): boolean =>
  error instanceof ApiError &&
  (error.code === 'network-error' || error.status === 503 || error.status === 504);

/** "Give a reward": recipient, points within the allowance, a message with emoji shortcuts. */
export const GiveRewardPanel = ({
  api,
  colleagues,
  allowanceLeft,
  onGiven,
}: GiveRewardPanelProps) => {
  const [recipient, setRecipient] = useState<User | undefined>();
  const [pickerKey, setPickerKey] = useState(0);
  const [points, setPoints] = useState('10');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState(noErrors);
  const [sending, setSending] = useState(false);
  const [success, setSuccess] = useState('');
  const [retrying, setRetrying] = useState('');
  const sendingRef = useRef(false);
  // One key per composed reward, kept across retries and clicks until the API confirms it.
  const keys = useRef(createKeyKeeper()).current;
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);

  const maxPoints = Math.max(1, Math.min(POINTS_MAX, allowanceLeft ?? POINTS_MAX));
  const length = charCount(message.trim());

  const focusFirstError = (fields: FormErrors<RewardField>['fields']) => {
    const first = (['to', 'points', 'message'] as const).find((field) => fields[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#reward-${first}`)?.focus();
  };

  const insertEmoji = (emoji: string) => {
    const area = messageRef.current;
    const start = area?.selectionStart ?? message.length;
    const end = area?.selectionEnd ?? message.length;
    const next = insertAt(message, start, end, emoji);
    setMessage(next.text);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    // A ref, not state: a double click arrives before the re-render that disables the button.
    if (sendingRef.current) return;
    setSuccess('');
    const chosen =
      recipient ??
      exactUser(
        colleagues,
        formRef.current?.querySelector<HTMLInputElement>('#reward-to')?.value ?? '',
      );
    const checked = validate(chosen, points, message);
    setErrors(checked);
    if (Object.keys(checked.fields).length > 0 || !chosen) {
      focusFirstError(checked.fields);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    const body = { to: chosen.username, points: Number(points), message: message.trim() };
    try {
      const reward = await api.giveReward(body, keys.keyFor(body), {
        onRetry: (info) => setRetrying(retryStatus(info)),
      });
      keys.settled();
      setSuccess(`🎉 You gave ${chosen.displayName} ${reward.points} points.`);
      setRecipient(undefined);
      setPickerKey((key) => key + 1);
      setMessage('');
      setPoints('10');
      setErrors(noErrors);
      onGiven(reward);
    } catch (failure) {
      const mapped = rewardFormErrors(failure);
      if (isUnconfirmed(failure)) {
        mapped.form =
          `${mapped.form ?? ''} Your reward may not have arrived. Press “Give reward” again to retry: it will not be given twice.`.trim();
      }
      setErrors(mapped);
      focusFirstError(mapped.fields);
    } finally {
      sendingRef.current = false;
      setSending(false);
      setRetrying('');
    }
  };

  return (
    <section class="panel panel-give" aria-labelledby="give-heading">
      <header class="panel-header">
        <h2 id="give-heading">Give a reward</h2>
      </header>
      <form ref={formRef} class="give-form" noValidate onSubmit={onSubmit}>
        <RecipientCombobox
          key={pickerKey}
          id="reward-to"
          label="To"
          users={colleagues}
          selected={recipient}
          error={errors.fields.to}
          onSelect={(user) => {
            setRecipient(user);
            if (user)
              setErrors((current) => ({
                ...current,
                fields: { ...current.fields, to: undefined },
              }));
          }}
        />

        <div class="field">
          <label for="reward-points">Points</label>
          <input
            id="reward-points"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxPoints}
            step={1}
            required
            value={points}
            aria-invalid={errors.fields.points ? true : undefined}
            aria-describedby="reward-points-hint reward-points-error"
            onInput={(event) => setPoints(event.currentTarget.value)}
          />
          <p id="reward-points-hint" class="hint">
            {allowanceLeft === undefined
              ? 'Up to 100 points per reward.'
              : `You have ${allowanceLeft} points left this month.`}
          </p>
          <p id="reward-points-error" class="field-error" aria-live="polite">
            {errors.fields.points}
          </p>
        </div>

        <div class="field">
          <div class="label-row">
            <label for="reward-message">Message</label>
            <span
              class={`counter${length > MESSAGE_MAX ? ' counter-over' : ''}`}
              id="reward-message-count"
            >
              {length}/{MESSAGE_MAX}
            </span>
          </div>
          <textarea
            id="reward-message"
            ref={messageRef}
            rows={3}
            required
            placeholder="Thanks for…"
            value={message}
            aria-invalid={errors.fields.message ? true : undefined}
            aria-describedby="reward-message-count reward-message-error"
            onInput={(event) => setMessage(event.currentTarget.value)}
          />
          <div class="emoji-bar" role="group" aria-label="Insert emoji">
            {EMOJI.map(({ emoji, name }) => (
              <button
                key={emoji}
                type="button"
                class="emoji-button"
                aria-label={`Insert ${name}`}
                title={`Insert ${name}`}
                onClick={() => insertEmoji(emoji)}
              >
                {emoji}
              </button>
            ))}
          </div>
          <p id="reward-message-error" class="field-error" aria-live="polite">
            {errors.fields.message}
          </p>
        </div>

        <p class="form-error field-error" aria-live="polite">
          {errors.form}
        </p>
        <p class="form-status hint" aria-live="polite">
          {retrying}
        </p>
        <button type="submit" class="button button-primary button-wide" disabled={sending}>
          {sending ? (retrying ? 'Retrying…' : 'Sending…') : 'Give reward'}
        </button>
        <p class="form-success" aria-live="polite">
          {success}
        </p>
      </form>
    </section>
  );
};
