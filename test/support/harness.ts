/** Moved to test/kit/app.ts (transition shim while the tests move to the kit). */
import { startTestApp, TestApp } from '../kit/app';

export * from '../kit/app';

export function withTestApp(use: (t: TestApp) => void, opts: Parameters<typeof startTestApp>[0] = {}): void {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(opts);
    use(started);
  });
  afterAll(async () => {
    await started?.close();
  });
}
