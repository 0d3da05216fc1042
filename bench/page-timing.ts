/**
 * Timing a Custom UI frame of the project page in the Jira shell, from the frame's own navigation
 * start (its performance.now()), as the project-page and scoring-grid benches measure it.
 */
import type { Frame, Page } from 'playwright-core';

const FRAME_PATH = '/__shell/resources/project-page/';

export async function pageFrame(page: Page, deadline: number): Promise<Frame> {
  for (;;) {
    const frame = page.frames().find((candidate) => candidate.url().includes(FRAME_PATH));
    if (frame !== undefined) return frame;
    if (Date.now() > deadline) throw new Error('the project page frame never appeared');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Ms from the frame's navigation start until `selector` is in the DOM: tried in short attempts, each
 * on the frame found anew (the previous load's frame may linger while the next one navigates).
 */
export async function timeTo(page: Page, selector: string, timeoutMs: number, unless = ''): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await pageFrame(page, deadline);
    try {
      const handle = await frame.waitForFunction(([wanted, not]) => (document.querySelector(wanted) === null || (not !== '' && document.querySelector(not) !== null) ? false : performance.now()), [selector, unless] as const, { polling: 'raf', timeout: Math.max(100, Math.min(5_000, deadline - Date.now())) });
      return (await handle.jsonValue()) as number;
    } catch (error: unknown) {
      if (Date.now() > deadline) {
        const text = await frame.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '(frame gone)');
        throw new Error(`${selector} never appeared; the page says: ${text}`, { cause: error });
      }
    }
  }
}
