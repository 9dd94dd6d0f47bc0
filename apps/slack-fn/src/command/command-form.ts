/** The fields of a slash command this function reads (Slack sends a few more). */
export interface CommandForm {
  readonly teamId: string;
  readonly userId: string;
  /** The command's name as the workspace admin chose it, e.g. `/give`. */
  readonly command: string;
  readonly text: string;
  /** Slack's id of this delivery. */
  readonly triggerId: string;
}

/** A verified `application/x-www-form-urlencoded` body; absent fields read as empty. */
export const readCommandForm = (body: string): CommandForm => {
  const form = new URLSearchParams(body);
  const field = (name: string) => form.get(name) ?? '';
  return {
    teamId: field('team_id'),
    userId: field('user_id'),
    command: field('command') || '/give',
    text: field('text'),
    triggerId: field('trigger_id'),
  };
};
