/** The Theme button: auto (follow the system) → light → dark, remembered locally. */
type Theme = 'auto' | 'light' | 'dark'
const KEY = 'sigmaport.web.theme'
const ORDER: readonly Theme[] = ['auto', 'light', 'dark']

const system = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined

export function initTheme(button: HTMLButtonElement, storage: Storage | undefined, onDark: (dark: boolean) => void): void {
  const apply = (t: Theme, b: HTMLButtonElement): void => {
    if (t === 'auto') document.documentElement.removeAttribute('data-theme')
    else document.documentElement.setAttribute('data-theme', t)
    b.textContent = `Theme: ${t}`
    onDark(t === 'dark' || (t === 'auto' && (system?.matches ?? false)))
  }
  let current: Theme = 'auto'
  try {
    const saved = storage?.getItem(KEY)
    if (saved === 'light' || saved === 'dark') current = saved
  } catch { /* storage disabled */ }
  apply(current, button)
  system?.addEventListener('change', () => apply(current, button))
  button.addEventListener('click', () => {
    current = ORDER[(ORDER.indexOf(current) + 1) % ORDER.length] ?? 'auto'
    apply(current, button)
    try { storage?.setItem(KEY, current) } catch { /* storage disabled */ }
  })
}
