import { useCallback, useEffect, useState } from 'react';

export type ThemeName = 'light' | 'dark';
const KEY = 'vigil.theme';

function initial(): ThemeName {
  try {
    const saved = window.localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage may be disabled
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** useTheme is the light/dark choice: the system's until the analyst picks one, then remembered. */
export function useTheme(): [ThemeName, () => void] {
  const [theme, setTheme] = useState<ThemeName>(initial);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // not remembered, still switched
      }
      return next;
    });
  }, []);
  return [theme, toggle];
}
