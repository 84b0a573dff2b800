// Real Chromium (Debian's, installed by .ci/run) driven by playwright-core. Never downloads a browser.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

interface Tap {
  teardown(fn: () => Promise<void> | void): void;
  plan(n: number, skipReason?: string): void;
}

/** A fresh browser for one test file. Outside CI a missing Chromium skips with a clear message; in CI it fails. */
export async function openBrowser(t: Tap): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run installs it with apt-get install chromium`);
    t.plan(0, `Chromium not found at ${CHROMIUM} (apt-get install chromium)`); // reported as a skip
    return undefined;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(() => browser.close());
  return browser;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
