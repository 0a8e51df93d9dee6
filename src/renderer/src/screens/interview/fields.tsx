import type { ReactNode } from 'react'
import type { Errors } from './validate'

export const describedBy = (id: string, hint: boolean, errors: Errors) =>
  [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

export function FieldError({ id, errors }: { id: string; errors: Errors }) {
  if (!errors[id]) return null
  return (
    <p className="field-error" id={`${id}-error`}>
      {errors[id]}
    </p>
  )
}

interface TextFieldProps {
  id: string
  label: ReactNode
  value: string
  onChange(v: string): void
  errors: Errors
  hint?: ReactNode
  type?: 'text' | 'url' | 'email' | 'tel'
  placeholder?: string
  list?: string
  onBlur?(): void
  autoComplete?: string
  inputMode?: 'url' | 'email' | 'tel' | 'text'
}

/** A labelled input whose hint and error are announced with it; the value is never cleared on error. */
export function TextField(p: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint && (
        <p className="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      <input
        id={p.id}
        type={p.type ?? 'text'}
        value={p.value}
        placeholder={p.placeholder}
        list={p.list}
        autoComplete={p.autoComplete ?? 'off'}
        inputMode={p.inputMode}
        spellCheck={false}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        aria-invalid={p.errors[p.id] ? true : undefined}
        aria-describedby={describedBy(p.id, Boolean(p.hint), p.errors)}
      />
      <FieldError id={p.id} errors={p.errors} />
    </div>
  )
}
