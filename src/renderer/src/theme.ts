import type { ThemeChoice } from './store/uiSlice'

export const nextTheme = (t: ThemeChoice): ThemeChoice => (t === 'system' ? 'light' : t === 'light' ? 'dark' : 'system')

export const themeLabel = (t: ThemeChoice): string =>
  t === 'system' ? 'Theme: follows system' : t === 'light' ? 'Theme: light' : 'Theme: dark'

/** Writes the choice to <html data-theme>; "system" leaves it to prefers-color-scheme. */
export function applyTheme(t: ThemeChoice): void {
  const root = document.documentElement
  if (t === 'system') delete root.dataset.theme
  else root.dataset.theme = t
}
