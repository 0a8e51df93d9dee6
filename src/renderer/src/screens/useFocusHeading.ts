import { useEffect, useRef } from 'react'

/** Moves focus to the screen's heading when the screen opens, so screen readers announce where you are. */
export function useFocusHeading<T extends HTMLElement = HTMLHeadingElement>(deps: unknown[] = [], skip = false) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (!skip) ref.current?.focus()
  }, deps)
  return ref
}
