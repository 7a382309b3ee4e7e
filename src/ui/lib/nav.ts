/**
 * "Save and go back" without a duplicate history entry. After saving a visit the app returns to the household page;
 * replacing the form's entry with it left two copies of that page in the history, so the first Back seemed to do
 * nothing. When the volunteer came from that very page, going back is the return.
 */
let previous: string | null = null;
let current: string | null = null;

/** Called on every path change (App's Gate). */
export function notePath(path: string): void {
  if (path === current) return;
  previous = current;
  current = path;
}

export function returnTo(path: string, route: (path: string, replace?: boolean) => void): void {
  if (previous === path) history.back();
  else route(path, true);
}
