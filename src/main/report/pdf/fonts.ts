/**
 * Embedded fonts for the PDF: Inter (text) and Roboto Mono (records, values),
 * both under the SIL Open Font License 1.1, which allows embedding. The TTF
 * files come from the @expo-google-fonts packages in node_modules, so the CLI
 * and the app use the same files; react-pdf subsets them into the document.
 */
import { createRequire } from 'node:module'
import { Font } from '@react-pdf/renderer'

export const SANS = 'Inter'
export const MONO = 'RobotoMono'

let registered = false

export function fontFiles(): { sans: Record<'regular' | 'medium' | 'bold' | 'italic', string>; mono: Record<'regular' | 'bold', string> } {
  const req = createRequire(import.meta.url)
  const inter = (dir: string, file: string) => req.resolve(`@expo-google-fonts/inter/${dir}/${file}`)
  const mono = (dir: string, file: string) => req.resolve(`@expo-google-fonts/roboto-mono/${dir}/${file}`)
  return {
    sans: {
      regular: inter('400Regular', 'Inter_400Regular.ttf'),
      medium: inter('500Medium', 'Inter_500Medium.ttf'),
      bold: inter('700Bold', 'Inter_700Bold.ttf'),
      italic: inter('400Regular_Italic', 'Inter_400Regular_Italic.ttf'),
    },
    mono: { regular: mono('400Regular', 'RobotoMono_400Regular.ttf'), bold: mono('700Bold', 'RobotoMono_700Bold.ttf') },
  }
}

/** Registers the fonts once per process. */
export function registerFonts(): void {
  if (registered) return
  const f = fontFiles()
  Font.register({
    family: SANS,
    fonts: [
      { src: f.sans.regular, fontWeight: 400 },
      { src: f.sans.medium, fontWeight: 500 },
      { src: f.sans.bold, fontWeight: 700 },
      { src: f.sans.italic, fontWeight: 400, fontStyle: 'italic' },
    ],
  })
  Font.register({ family: MONO, fonts: [{ src: f.mono.regular, fontWeight: 400 }, { src: f.mono.bold, fontWeight: 700 }] })
  // Long values (DNS records, URLs) break anywhere rather than overflow the column.
  Font.registerHyphenationCallback((word) => (word.length > 24 ? word.match(/.{1,12}/g) ?? [word] : [word]))
  registered = true
}
