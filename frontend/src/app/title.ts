import { useEffect } from 'react';

/** useTitle sets the document's title while a page is shown (history and tabs then read well). */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Vigil`;
  }, [title]);
}
