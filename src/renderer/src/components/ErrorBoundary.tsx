import { Component, type ReactNode } from 'react'

interface Props {
  name: string
  children: ReactNode
}

/** Keeps one failing panel from taking the whole stage down. */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="notice error" role="alert">
          <h2>{this.props.name} could not be shown</h2>
          <p>Something went wrong while drawing this part. The rest of the stage still works, and nothing you entered is lost.</p>
          <p className="hint">{this.state.error.message}</p>
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
        </div>
      )
    }
    return this.props.children
  }
}
