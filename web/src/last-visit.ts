/**
 * "Since your last visit": the time of the user's previous visit, remembered in localStorage (per user, per
 * browser). The baseline is fixed for the browser session (sessionStorage), so reloading the dashboard keeps
 * showing the same changes until the user marks them seen.
 */
const visitKey = (user: string) => `watchkeeper.lastVisit.${user}`;
const baselineKey = (user: string) => `watchkeeper.sinceVisit.${user}`;

/** The previous visit (ISO time), or null on the first visit; records this visit. */
export function visitBaseline(user: string): string | null {
  try {
    let since = sessionStorage.getItem(baselineKey(user));
    if (since === null) {
      since = localStorage.getItem(visitKey(user)) ?? '';
      sessionStorage.setItem(baselineKey(user), since);
    }
    localStorage.setItem(visitKey(user), new Date().toISOString());
    return since || null;
  } catch {
    return null; // storage disabled: every visit is a first visit
  }
}

/** Everything up to now counts as seen. */
export function markSeen(user: string): string {
  const now = new Date().toISOString();
  try {
    sessionStorage.setItem(baselineKey(user), now);
    localStorage.setItem(visitKey(user), now);
  } catch {
    // storage disabled: nothing to remember
  }
  return now;
}
