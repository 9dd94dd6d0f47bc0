/**
 * Launches the machine's own Chromium (Debian's `chromium`, or `CHROMIUM_PATH`) through
 * playwright-core, which never downloads a browser. Flags keep it headless and quiet: no GPU, no
 * sandbox (containers), and nothing that phones home.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser profile in a temp dir, removed on close. */
export const launchChromium = async (
  options: {
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
    colorScheme?: 'light' | 'dark';
  } = {},
): Promise<LaunchedBrowser> => {
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'peer-rewards-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};
