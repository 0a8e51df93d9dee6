import { CopyButton } from '../../components/CopyButton'

/** An exact value to paste, with a copy button that says what happened. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <div className="email-value">
      <code>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  )
}
