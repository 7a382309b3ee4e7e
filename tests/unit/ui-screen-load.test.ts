/** A lazy screen whose code fails to download shows a message with a reload button instead of a dead tap. */
import { describe, expect, it, vi } from 'vitest';
import { loadScreen } from '../../src/ui/lib/screen';
import { ScreenLoadFailed } from '../../src/ui/components/CrashScreen';

describe('loadScreen', () => {
  it('resolves to the screen when its code loads (named or default export)', async () => {
    const Page = () => null;
    expect(await loadScreen(() => Promise.resolve(Page))).toBe(Page);
    expect(await loadScreen(() => Promise.resolve({ default: Page }))).toBe(Page);
  });
  it('resolves to the reload message when the download fails (preact-iso would keep the rejection for good)', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = loadScreen(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    await expect(failed).resolves.toBe(ScreenLoadFailed);
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
  });
});
