import { test as base, expect } from '@playwright/test';

/**
 * test is Playwright's, with a guard on every page: a GraphQL answer that
 * reports an INTERNAL error (a server bug, e.g. a panicking resolver) fails
 * the test even when the page copes with it.
 */
export const test = base.extend<{ serverErrors: string[] }>({
  serverErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('response', async (r) => {
        if (!r.url().endsWith('/graphql') || r.request().method() !== 'POST') return;
        const body = await r.text().catch(() => '');
        if (body.includes('"INTERNAL"')) errors.push(`${r.request().postDataJSON()?.operationName ?? '?'}: ${body.slice(0, 300)}`);
      });
      page.on('websocket', (ws) =>
        ws.on('framereceived', (f) => {
          const text = String(f.payload);
          if (text.includes('"INTERNAL"')) errors.push(`websocket: ${text.slice(0, 300)}`);
        }),
      );
      await use(errors);
      expect(errors, 'the server answered with internal errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
