import { useEffect, useState, type FormEvent } from 'react'
import type { Evidence } from '../../../../shared/model'
import { api } from '../../api'

const MAX_IMAGE_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
type ImageMime = (typeof IMAGE_TYPES)[number]

function EvidenceImage({ projectId, ev }: { projectId: string; ev: Extract<Evidence, { kind: 'image' }> }) {
  const [src, setSrc] = useState<string>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let live = true
    void api()
      .projects.readEvidenceImage({ id: projectId, imageId: ev.id })
      .then((r) => {
        if (!live) return
        if (r.ok) setSrc(r.value.dataUrl)
        else setError(r.error.message)
      })
    return () => {
      live = false
    }
  }, [projectId, ev.id])
  if (error) return <span className="field-error">{`${ev.name}: ${error}`}</span>
  return src ? <img src={src} alt={`Evidence: ${ev.name}`} /> : <span className="hint">Loading {ev.name}…</span>
}

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(r.error ?? new Error('The file could not be read.'))
    r.readAsDataURL(file)
  })

/** Links and images that prove an item is done. */
export function EvidenceEditor({
  projectId,
  itemId,
  evidence,
  onChange,
}: {
  projectId: string
  itemId: string
  evidence: Evidence[]
  onChange(next: Evidence[]): void
}) {
  const [link, setLink] = useState('')
  const [linkError, setLinkError] = useState<string>()
  const [imageStatus, setImageStatus] = useState<{ error?: string; busy?: boolean }>({})
  const linkId = `ev-link-${itemId}`
  const fileId = `ev-file-${itemId}`

  const addLink = (e: FormEvent) => {
    e.preventDefault()
    let url: URL
    try {
      url = new URL(link.trim())
    } catch {
      return setLinkError('That is not a web address; it should start with https://.')
    }
    if (!/^https?:$/.test(url.protocol)) return setLinkError('Only http:// and https:// links can be attached.')
    onChange([...evidence, { kind: 'link', url: url.toString() }])
    setLink('')
    setLinkError(undefined)
  }

  const addImage = async (file: File | undefined) => {
    if (!file) return
    if (!IMAGE_TYPES.includes(file.type as ImageMime)) return setImageStatus({ error: `“${file.name}” is not a PNG, JPEG, GIF or WebP image.` })
    if (file.size > MAX_IMAGE_BYTES) return setImageStatus({ error: `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; the limit is 5 MB.` })
    setImageStatus({ busy: true })
    try {
      const dataBase64 = await readBase64(file)
      const r = await api().projects.addEvidenceImage({ id: projectId, name: file.name, mime: file.type as ImageMime, dataBase64 })
      if (!r.ok) return setImageStatus({ error: r.error.message })
      onChange([...evidence, { kind: 'image', id: r.value.id, name: r.value.name, mime: r.value.mime }])
      setImageStatus({})
    } catch (e) {
      setImageStatus({ error: e instanceof Error ? e.message : 'The image could not be attached.' })
    }
  }

  return (
    <div className="evidence">
      {evidence.length > 0 && (
        <ul className="evidence-list" aria-label="Evidence">
          {evidence.map((ev, i) => (
            <li key={ev.kind === 'link' ? `l-${ev.url}-${i}` : ev.id}>
              {ev.kind === 'link' ? (
                <a
                  href={ev.url}
                  onClick={(e) => {
                    e.preventDefault()
                    void api().app.openExternal({ url: ev.url })
                  }}
                >
                  {ev.url}
                </a>
              ) : (
                <EvidenceImage projectId={projectId} ev={ev} />
              )}
              <button type="button" className="small" onClick={() => onChange(evidence.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> {ev.kind === 'link' ? ev.url : ev.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={addLink} noValidate>
        <label htmlFor={linkId}>Add a link</label>
        <div className="inline-form">
          <input
            id={linkId}
            type="url"
            value={link}
            placeholder="https://"
            onChange={(e) => setLink(e.target.value)}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? `${linkId}-error` : undefined}
          />
          <button type="submit">Add link</button>
        </div>
        {linkError && (
          <p className="field-error" id={`${linkId}-error`}>
            {linkError}
          </p>
        )}
      </form>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor={fileId}>Attach a screenshot</label>
        <input
          id={fileId}
          type="file"
          accept={IMAGE_TYPES.join(',')}
          onChange={(e) => {
            void addImage(e.target.files?.[0])
            e.target.value = ''
          }}
          aria-describedby={imageStatus.error ? `${fileId}-error` : `${fileId}-hint`}
        />
        <p className="hint" id={`${fileId}-hint`}>
          {imageStatus.busy ? 'Attaching…' : 'PNG, JPEG, GIF or WebP, up to 5 MB.'}
        </p>
        {imageStatus.error && (
          <p className="field-error" id={`${fileId}-error`} role="alert">
            {imageStatus.error}
          </p>
        )}
      </div>
    </div>
  )
}
