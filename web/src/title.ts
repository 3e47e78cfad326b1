import { useEffect } from 'react';

export const APP_NAME = 'Watchkeeper';

/** Sets the browser tab's title for the page shown ("RI WON HO — Watchkeeper"). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — ${APP_NAME}`;
  }, [title]);
}
