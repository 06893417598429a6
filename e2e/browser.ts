import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, type Browser, chromium, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFinished } from 'vitest';

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The address of the server started by global-setup.ts. */
export const baseURL = () => inject('baseURL');

function slug(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}

export interface OpenOptions {
  /** A 390×844 phone with touch, for the member portal. */
  phone?: boolean;
}

/**
 * One Chromium per test file; every test gets a fresh context (its own cookies) with tracing on,
 * and a trace plus a screenshot are kept in test-results/ when the test fails.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    await mkdir(resultsDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    async open(options: OpenOptions = {}): Promise<Page> {
      if (!browser) throw new Error('useBrowser() must be called at the top of the test file');
      const context = await browser.newContext({
        baseURL: baseURL(),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...(options.phone
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1440, height: 900 } }),
      });
      await context.tracing.start({ screenshots: true, snapshots: true });
      const page = await context.newPage();
      onTestFinished(async ({ task }) => {
        if (task.result?.state === 'fail') {
          const name = slug(task.name);
          await page.screenshot({ path: path.join(resultsDir, `failed-${name}.png`) }).catch(() => undefined);
          await context.tracing.stop({ path: path.join(resultsDir, `trace-${name}.zip`) });
        } else {
          await context.tracing.stop();
        }
        await context.close();
      });
      return page;
    },
  };
}

/** The demo password, as the login page learns it (demo mode only). */
export async function demoPassword(): Promise<string> {
  const res = await fetch(`${baseURL()}/api/system/info`);
  const info = (await res.json()) as { demoAccounts: { password: string }[] };
  const password = info.demoAccounts[0]?.password;
  if (!password) throw new Error('the server is not in demo mode');
  return password;
}

/** Signs the page's browser context in through the API (the cookie lands in the context). */
export async function loginViaApi(page: Page, username: string, password?: string) {
  const res = await page.request.post('/api/auth/login', {
    data: { username, password: password ?? (await demoPassword()) },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A signed-in API client outside any browser page (another account's session); GET calls only. */
export async function apiSession(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: baseURL() });
  onTestFinished(() => api.dispose());
  const res = await api.post('/api/auth/login', { data: { username, password: await demoPassword() } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** Waits until finite animations (a modal zooming in, a dropdown sliding down) have finished. */
export async function settled(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Saves a screenshot as test-results/<name>.png once drawers and modals have finished sliding in
 * (finite animations only: spinners and skeletons loop forever). Full page unless an overlay is
 * open, since a drawer's mask covers only the viewport.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  await settled(page);
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage });
}

/** A name no earlier run used, e.g. for organisations and accounts created by a test. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
