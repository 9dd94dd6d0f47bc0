/**
 * The dashboard in a real browser against the whole local stack (built functions, DynamoDB Local):
 * sign in, give a reward, see the feed, the board and the allowance follow; over-spend and see the
 * API's own message beside the field; switch the period with mouse and keyboard; first sign-in
 * without a profile; polls revalidated with If-None-Match. Locators are roles and labels, so
 * this also checks the page is accessible.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@peer-rewards/local-stack';
import { launchChromium, type LaunchedBrowser } from '../browser-support/chromium';
import { buildDashboard } from '../build-support/build-dashboard';

jest.setTimeout(180_000);

const WORKSPACE = path.resolve(__dirname, '../../..');
const FUNCTIONS = ['users-fn', 'rewards-fn', 'generator-fn'];

let distDir: string;
let stack: LocalStack;
let browser: LaunchedBrowser;

beforeAll(async () => {
  const missing = FUNCTIONS.filter(
    (fn) => !existsSync(path.join(WORKSPACE, 'dist/apps', fn, 'index.js')),
  );
  if (missing.length > 0) {
    throw new Error(
      `Build the functions first: npx nx run-many -t build --projects=${missing.join(',')}`,
    );
  }
  // A dist of its own: the page built from this source, the functions as built.
  distDir = await mkdtemp(path.join(tmpdir(), 'dashboard-e2e-'));
  for (const fn of FUNCTIONS) {
    await symlink(path.join(WORKSPACE, 'dist/apps', fn), path.join(distDir, fn), 'dir');
  }
  await buildDashboard({ outdir: path.join(distDir, 'dashboard') });
  stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `dash-${randomUUID().slice(0, 8)}`,
    distDir,
    log: () => undefined,
  });
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

const openPage = async (): Promise<Page> => {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(stack.url);
  return page;
};

const api = async (username: string, pathAndQuery: string, body?: unknown) => {
  const response = await fetch(`${stack.url}${pathAndQuery}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${stack.tokenFor(username)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${pathAndQuery} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
};

const signInAs = async (page: Page, displayName: string) => {
  // Each tab has its own sessionStorage, so a new page starts signed out.
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.getByRole('heading', { name: 'Last rewards' }).waitFor();
};

const giveReward = async (page: Page, to: string, points: number, message: string) => {
  const recipient = page.getByRole('combobox', { name: 'To' });
  await recipient.fill(to.slice(0, 3));
  await page.getByRole('option', { name: new RegExp(to) }).click();
  await page.getByRole('spinbutton', { name: 'Points' }).fill(String(points));
  await page.getByRole('textbox', { name: 'Message' }).fill(message);
};

describe('dashboard in a browser', () => {
  it('gives a reward and shows it in the feed, the board, the BFFs and the allowance', async () => {
    // Arrange
    const page = await openPage();
    const posts: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/rewards')) posts.push(request);
    });
    await signInAs(page, 'Alex Krause');
    await page.getByRole('heading', { name: 'Best colleagues' }).waitFor();
    await page.getByText('You have 100 points left this month.').waitFor();

    // Act: a message with an emoji inserted by its button, then a double click on submit
    await giveReward(page, 'Jana', 60, 'Thanks for the great demo ');
    await page.getByRole('button', { name: 'Insert rocket' }).click();
    await page.getByRole('button', { name: 'Give reward' }).dblclick();

    // Assert: on top of the feed, with names and the message as written
    const feed = page.getByRole('list', { name: 'Rewards, newest first' });
    const first = feed.getByRole('article').first();
    await feed.getByRole('article', { name: 'Alex Krause gave Jana 60 points' }).waitFor();
    expect(await first.getAttribute('aria-label')).toBe('Alex Krause gave Jana 60 points');
    expect(await first.innerText()).toContain('Thanks for the great demo 🚀');
    await page.getByText('You gave Jana 60 points.').waitFor();

    // Assert: the board and the BFF column changed, and the allowance went down
    const janaRow = page.getByRole('table').getByRole('row').filter({ hasText: 'Jana' });
    await janaRow.filter({ hasText: 'Alex Krause' }).waitFor();
    expect(await janaRow.getByRole('cell').nth(1).innerText()).toBe('60');
    await page.getByText('You have 40 points left this month.').waitFor();

    // Assert: the double click gave once, with an Idempotency-Key, as the caller
    const given = await api('alex', '/rewards?from=alex');
    expect(given.rewards).toHaveLength(1);
    const [firstPost] = posts;
    if (!firstPost) throw new Error('The page sent no POST /rewards.');
    const headers = await firstPost.allHeaders();
    expect(headers['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(headers.authorization).toMatch(/^Bearer /);
    await page.close();
  });

  it("shows the API's allowance message beside the points and gives nothing", async () => {
    // Arrange: Mia has spent 70 of her 100 points elsewhere
    await api('mia', '/rewards', { to: 'lena', points: 70, message: 'For the release party 🎉' });
    const page = await openPage();
    await signInAs(page, 'Mia');
    await page.getByText('You have 30 points left this month.').waitFor();

    // Act: keyboard only, from the recipient to the submit button
    await page.getByRole('combobox', { name: 'To' }).fill('To');
    await page.getByRole('option', { name: /Tom/ }).waitFor();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: 'To' }).inputValue()).toBe('Tom');
    await page.keyboard.press('Tab');
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('One more 🙏');
    // Enter in the points field submits the form, as in any HTML form.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    // Assert: the API's sentence, beside the field, which is marked invalid and focused
    const points = page.getByRole('spinbutton', { name: 'Points' });
    const error = page.getByText(/You have 30 of your 100 points left this month/);
    await error.waitFor();
    expect(await error.getAttribute('id')).toBe('reward-points-error');
    expect(await points.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reward-points');
    const toTom = await api('mia', '/rewards?to=tom');
    expect(toTom.rewards).toEqual([]);
    await page.close();
  });

  it('switches the board period by mouse and keyboard, asking the API for that period', async () => {
    // Arrange
    await api('markus', '/rewards', {
      to: 'andreas',
      points: 5,
      message: 'Thanks for the review 👀',
    });
    const page = await openPage();
    await signInAs(page, 'Markus');
    const title = page.getByTestId('period-title');
    await page.getByText(/^Week \d+ · \d{4}$/).waitFor();

    // Act: mouse
    const monthRequest = page.waitForRequest((request) =>
      /\/leaderboard\?period=month\b/.test(request.url()),
    );
    await page.getByRole('radio', { name: 'This month' }).check();
    await monthRequest;

    // Assert
    await page
      .getByText(
        /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/,
      )
      .waitFor();
    expect(await page.getByRole('radio', { name: 'This month' }).isChecked()).toBe(true);

    // Act: keyboard, from the checked radio to the next one
    const allRequest = page.waitForRequest((request) =>
      /\/leaderboard\?period=all\b/.test(request.url()),
    );
    await page.getByRole('radio', { name: 'This month' }).focus();
    await page.keyboard.press('ArrowRight');
    await allRequest;

    // Assert
    await title.filter({ hasText: 'All time' }).waitFor();
    expect(await page.getByRole('radio', { name: 'All time' }).isChecked()).toBe(true);
    await page
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: 'Andreas Mohrhard' })
      .waitFor();
    await page.close();
  });

  it('updates itself: a reward given elsewhere appears and is announced; an outage shows', async () => {
    // Arrange
    const page = await openPage();
    await signInAs(page, 'Lena');
    await page.getByText(/^Live · updated \d+ s ago$/).waitFor();

    // Act: someone else gives Lena a reward while the page is open
    await api('tom', '/rewards', {
      to: 'lena',
      points: 15,
      message: 'Pixel-perfect, as always ✨',
    });

    // Assert: it arrives with the next poll, without a reload, and the live region says so
    const feed = page.getByRole('list', { name: 'Rewards, newest first' });
    await feed.getByRole('article', { name: 'Tom gave Lena 15 points' }).waitFor();
    await page
      .getByText('Tom gave Lena 15 points.', { exact: true })
      .waitFor({ state: 'attached' });

    // Act: the API becomes unreachable
    await page.route('**/rewards?**', (route) => route.abort('connectionrefused'));

    // Assert: the header says so instead of pretending to be live
    await page.getByText(/^Offline — Cannot reach the service/).waitFor();
    await page.unroute('**/rewards?**');
    await page.getByText(/^Live · updated \d+ s ago$/).waitFor();
    await page.close();
  });

  it('polls with If-None-Match and keeps showing the board when the API answers 304', async () => {
    // Arrange
    const page = await openPage();
    await signInAs(page, 'Tom');
    const board = page.getByRole('table');
    await board.getByRole('row').filter({ hasText: 'Jana' }).waitFor();

    // Act: a later poll of the unchanged board
    const revalidated = await page.waitForResponse(
      (response) => /\/leaderboard\?/.test(response.url()) && response.status() === 304,
    );

    // Assert: it sent the tag of the last answer, got no body, and the board stayed
    const sent = await revalidated.request().allHeaders();
    expect(sent['if-none-match']).toMatch(/^W\/".+"$/);
    expect(sent['if-none-match']).toBe(await revalidated.headerValue('etag'));
    await page.getByText(/^Live · updated \d+ s ago$/).waitFor();
    expect(await board.getByRole('row').filter({ hasText: 'Jana' }).count()).toBe(1);
    await page.close();
  });

  it('fits a 360 px phone in one column without sideways scrolling', async () => {
    // Arrange
    const page = await openPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await signInAs(page, 'Andreas Mohrhard');
    await page.getByRole('table').waitFor();

    // Act
    const layout = await page.evaluate(() => {
      const left = (selector: string) =>
        document.querySelector(selector)?.getBoundingClientRect().left;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        columns: new Set([left('.panel-feed'), left('.panel-board'), left('.panel-give')]).size,
      };
    });

    // Assert
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.columns).toBe(1);
    await page.close();
  });

  it('asks a first-time user for a profile, then lets them give', async () => {
    // Arrange: a signed-in colleague the API has no profile for yet
    const page = await openPage();
    const token = stack.tokenFor('robin');
    await page.evaluate(
      (session) => sessionStorage.setItem('peer-rewards.session', JSON.stringify(session)),
      { token, expiresAt: Date.now() + 3_600_000 },
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Create your profile' }).waitFor();

    // Act
    await page.getByLabel('Display name').fill('Robin Hood');
    await page.getByRole('radio', { name: '🐸' }).check();
    await page.getByRole('button', { name: 'Save profile' }).click();

    // Assert
    await page.getByRole('heading', { name: 'Give a reward' }).waitFor();
    await page.getByText('You have 100 points left this month.').waitFor();
    const me = await api('robin', '/users/me');
    expect(me).toMatchObject({ username: 'robin', displayName: 'Robin Hood', avatar: '🐸' });
    await page.close();
  });
});

describe('dashboard in a browser: names that cannot be confused, gifts that survive a lost answer', () => {
  it('shows @username beside every name in the feed, the board and the BFFs, names isolated', async () => {
    // Arrange
    await api('tom', '/rewards', { to: 'mia', points: 20, message: 'Danke für die Hilfe 🌻' });
    const page = await openPage();
    await signInAs(page, 'Zuschauer');

    // Act
    const card = page
      .getByRole('list', { name: 'Rewards, newest first' })
      .getByRole('article', { name: 'Tom gave Mia 20 points' });
    await card.waitFor();
    await page.getByRole('radio', { name: 'All time' }).check();
    const miaRow = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Mia @mia/ }) });
    await miaRow.waitFor();

    // Assert: the feed names both people with their usernames, each name in its own <bdi>
    expect(await card.innerText()).toMatch(/Tom\s+@tom\s+→\s+Mia\s+@mia/);
    expect(await card.locator('bdi.person-name').allInnerTexts()).toEqual(['Tom', 'Mia']);
    // Assert: the board row and its BFF column carry the usernames too
    const words = async (text: Promise<string>) => (await text).replace(/\s+/g, ' ');
    expect(await words(miaRow.getByRole('rowheader').innerText())).toContain('Mia @mia');
    expect(await words(miaRow.locator('.board-bff').innerText())).toContain('Tom @tom');
    await page.close();
  });

  it('retries a 503 that came after the write landed with the same key, and gives once', async () => {
    // Arrange: the first POST reaches the API, but the page is told 503 with Retry-After: 1
    const page = await openPage();
    await signInAs(page, 'Zuschauer');
    const keys: string[] = [];
    await page.route('**/rewards', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      keys.push((await request.allHeaders())['idempotency-key'] ?? '');
      const landed = await route.fetch();
      if (keys.length > 1) return route.fulfill({ response: landed });
      return route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: '{"error":{"code":"service-unavailable","message":"Try again shortly."}}',
      });
    });

    // Act
    await giveReward(page, 'Markus', 7, 'For the calm incident call 🧯');
    await page.getByRole('button', { name: 'Give reward' }).click();

    // Assert: the page says it retries, then that it worked; the API holds one reward
    await page.getByText(/^The service is busy — retrying in 1 s \(attempt 2 of 4\)…$/).waitFor();
    await page.getByText('You gave Markus 7 points.').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const given = await api('zuschauer', '/rewards?from=zuschauer&to=markus');
    expect(given.rewards).toHaveLength(1);
    await page.close();
  });

  it('keeps the key after a final network error, so a second click gives once', async () => {
    // Arrange: every answer to the POST is lost on the way back, though the first write lands
    const page = await openPage();
    await signInAs(page, 'Andreas Mohrhard');
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/rewards')) {
        keys.push(request.headers()['idempotency-key'] ?? '');
      }
    });
    await page.route('**/rewards', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await giveReward(page, 'Mia', 12, 'Thanks for pairing 👩‍💻');
    await page.getByRole('button', { name: 'Give reward' }).click();
    await page
      .getByText(/Press “Give reward” again to retry: it will not be given twice\.$/)
      .waitFor();

    // Act: the connection is back; the user clicks again without editing
    await page.unroute('**/rewards');
    await page.getByRole('button', { name: 'Give reward' }).click();

    // Assert: four automatic attempts and the click all carried one key; one reward exists
    await page.getByText('You gave Mia 12 points.').waitFor();
    const given = await api('andreas', '/rewards?from=andreas&to=mia');
    expect(given.rewards).toHaveLength(1);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(1);
    await page.close();
  });
});
