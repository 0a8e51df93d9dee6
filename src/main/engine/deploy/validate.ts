/**
 * Validates a generated GitHub Actions workflow against the published
 * workflow schema (SchemaStore's, as bundled by @action-validator/core, a
 * maintained validator), loaded on demand so the app does not carry it.
 */
export async function validateGithubWorkflow(text: string): Promise<string[]> {
  let mod: { validateWorkflow(src: string): { errors?: { title?: string; detail?: string; path?: string }[] } | undefined }
  try {
    mod = (await import('@action-validator/core')) as unknown as typeof mod
  } catch {
    return ['the workflow validator (@action-validator/core) is not installed, so the file could not be checked']
  }
  const r = mod.validateWorkflow(text)
  return (r?.errors ?? []).map((e) => `${e.path ?? ''} ${e.title ?? ''} ${e.detail ?? ''}`.trim())
}
