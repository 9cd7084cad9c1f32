import { Component, type ReactNode } from 'react';

/**
 * Keeps a failing page (e.g. its chunk failed to load) from blanking the whole shell. The fallback
 * gets `retry`: it calls `onRetry` (the shell re-renders the page, whose lazy chunk is then fetched
 * afresh: see `retryableLazy`) and renders the children again.
 */
export class ErrorBoundary extends Component<
  { fallback: (retry: () => void) => ReactNode; onRetry?: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ failed: false });
  };

  override render() {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
