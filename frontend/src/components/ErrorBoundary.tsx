import { Button } from '@fluentui/react-components';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Banner } from './Banner';

interface State {
  error: Error | null;
}

/**
 * ErrorBoundary keeps a failure in one page (a chunk that no longer exists
 * after an upgrade, a bug) from blanking the whole console.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('vigil: a page failed', error, info.componentStack);
  }

  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div style={{ padding: 24 }}>
        <Banner intent="error" role="alert" title="This page could not be shown." actions={<Button onClick={() => window.location.reload()}>Reload</Button>}>
          {/chunk|dynamically imported module|Failed to fetch/i.test(this.state.error.message)
            ? 'The console was probably upgraded while it was open.'
            : 'An unexpected error occurred.'}
        </Banner>
      </div>
    );
  }
}
