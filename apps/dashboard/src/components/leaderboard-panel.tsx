import type { Leaderboard, Period } from '../api/api-types';
import { periodTitle, rankDisplays } from '../format/rank';
import { Avatar } from './avatar';
import { PersonName } from './person-name';

const PERIODS: { value: Period; label: string }[] = [
  { value: 'week', label: 'This week' },
  { value: 'month', label: 'This month' },
  { value: 'all', label: 'All time' },
];

interface LeaderboardPanelProps {
  period: Period;
  board?: Leaderboard;
  me?: string;
  onPeriodChange: (period: Period) => void;
}

/** "Best colleagues" by points received in the period, each with "… and their BFFs". */
export const LeaderboardPanel = ({ period, board, me, onPeriodChange }: LeaderboardPanelProps) => {
  // A board of another period may still be on screen while the new one loads.
  const current = board?.period === period ? board : undefined;
  const ranks = current ? rankDisplays(current.entries) : [];
  return (
    <section class="panel panel-board" aria-labelledby="board-heading" aria-busy={!current}>
      <header class="panel-header">
        <div>
          <h2 id="board-heading">Best colleagues</h2>
          <p class="panel-subtitle muted" data-testid="period-title">
            {current ? periodTitle(current.periodKey) : ' '}
          </p>
        </div>
        <fieldset class="segmented">
          <legend class="visually-hidden">Period</legend>
          {PERIODS.map((option) => (
            <label key={option.value} class="segmented-option">
              <input
                type="radio"
                name="period"
                value={option.value}
                checked={period === option.value}
                onChange={() => onPeriodChange(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      </header>
      {!current ? (
        <p class="muted placeholder">Loading the board…</p>
      ) : current.entries.length === 0 ? (
        <p class="muted placeholder">No points given in this period yet.</p>
      ) : (
        <table class="board">
          <caption class="visually-hidden">
            Best colleagues, {periodTitle(current.periodKey)}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="board-rank">
                <span class="visually-hidden">Rank</span>#
              </th>
              <th scope="col">Colleague</th>
              <th scope="col" class="board-points">
                Points
              </th>
              <th scope="col" class="board-bff">
                … and their BFFs
              </th>
            </tr>
          </thead>
          <tbody>
            {current.entries.map((entry, index) => {
              const rank = ranks[index];
              return (
                <tr key={entry.username} class={entry.username === me ? 'board-me' : undefined}>
                  <td class="board-rank">
                    <span class="rank" aria-label={rank?.label} title={rank?.label}>
                      {rank?.medal ?? rank?.text}
                    </span>
                  </td>
                  <th scope="row" class="board-name">
                    <div class="board-person">
                      <Avatar avatar={entry.avatar} name={entry.displayName} size="sm" />
                      <span class="board-person-name">
                        <PersonName displayName={entry.displayName} username={entry.username} />
                      </span>
                      {entry.username === me && <span class="tag">you</span>}
                    </div>
                    {/* Phones have no room for the BFF column: the BFF goes under the name. */}
                    <span class="bff-inline muted">
                      BFF:{' '}
                      {entry.bff ? (
                        <>
                          <PersonName
                            displayName={entry.bff.displayName}
                            username={entry.bff.username}
                          />{' '}
                          · {entry.bff.points} pts
                        </>
                      ) : (
                        '—'
                      )}
                    </span>
                  </th>
                  <td class="board-points">
                    <strong>{entry.points}</strong>
                  </td>
                  <td class="board-bff">
                    {entry.bff ? (
                      <span>
                        <span class="bff-heart" aria-hidden="true">
                          💛{' '}
                        </span>
                        <PersonName
                          displayName={entry.bff.displayName}
                          username={entry.bff.username}
                        />{' '}
                        <span class="muted">
                          {entry.bff.points}
                          <span class="visually-hidden"> points</span>
                          <span aria-hidden="true"> pts</span>
                        </span>
                      </span>
                    ) : (
                      <span aria-label="none">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
};
