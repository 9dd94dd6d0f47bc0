/**
 * `npm run screenshot`: builds the dashboard, starts the local stack in memory, gives a handful of
 * rewards between the demo users, opens the page at 1280×800 signed in and saves
 * `docs/dashboard.png`. Needs the functions built (`npm run build`) and Chromium.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startLocalStack } from '@peer-rewards/local-stack';
// The page's own build, so the picture shows the current source.
import { buildDashboard } from '../build-support/build-dashboard';
import { launchChromium } from './chromium';

const ROOT = path.resolve(__dirname, '../../..');
const OUTPUT = path.join(ROOT, 'docs/dashboard.png');

/** Who thanks whom: realistic amounts and messages, emoji as people write them. */
const REWARDS: { from: string; to: string; points: number; message: string }[] = [
  { from: 'andreas', to: 'alex', points: 15, message: 'Thanks for pairing on the flaky deploy 🙏' },
  { from: 'jana', to: 'lena', points: 20, message: 'Your design review saved us a week 🚀' },
  { from: 'tom', to: 'alex', points: 10, message: 'Coffee machine hero ☕️😂' },
  { from: 'mia', to: 'jana', points: 25, message: 'Thanks for covering my on-call shift ❤️' },
  { from: 'lena', to: 'markus', points: 5, message: 'Great talk at the meetup 🎤🎉' },
  { from: 'markus', to: 'alex', points: 20, message: 'Best demo of the quarter 💯' },
  { from: 'alex', to: 'jana', points: 10, message: 'For the calmest incident call ever 🧘' },
  { from: 'zuschauer', to: 'mia', points: 15, message: 'Danke für die Hilfe mit dem Release! 🙌' },
  { from: 'andreas', to: 'lena', points: 10, message: 'Pixel-perfect, as always ✨' },
  {
    from: 'tom',
    to: 'markus',
    points: 20,
    message: 'Thanks for the pipeline fix 🛠️ — green again!',
  },
  { from: 'jana', to: 'alex', points: 5, message: 'Welcome docs are 🔥' },
  { from: 'mia', to: 'tom', points: 10, message: 'Lunch-and-learn was a blast 🎉' },
];

const main = async () => {
  const built = await buildDashboard();
  console.log(`dashboard built: ${built.js.file}, ${built.css.file}`);
  const stack = await startLocalStack({ port: 0, inMemory: true, log: () => undefined });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    for (const reward of REWARDS) {
      const response = await fetch(`${stack.url}/rewards`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.tokenFor(reward.from)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ to: reward.to, points: reward.points, message: reward.message }),
      });
      if (response.status !== 201) {
        throw new Error(
          `POST /rewards as ${reward.from} answered ${response.status}: ${await response.text()}`,
        );
      }
    }
    browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(stack.url);
    await page.getByRole('button', { name: /Alex Krause/ }).click();
    await page
      .getByRole('list', { name: 'Rewards, newest first' })
      .getByRole('article')
      .first()
      .waitFor();
    await page.getByRole('table').getByRole('row').nth(4).waitFor();
    await page.getByText(/points left this month/).waitFor();
    await mkdir(path.dirname(OUTPUT), { recursive: true });
    await page.screenshot({ path: OUTPUT });
    console.log(`saved ${path.relative(ROOT, OUTPUT)}`);
  } finally {
    await browser?.close();
    await stack.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
