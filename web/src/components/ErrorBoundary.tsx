import { Component, type ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';

// Catches render errors, most often a lazy page chunk that failed to download after a
// new release, and offers a reload instead of a blank screen.
class Boundary extends Component<{ children: ReactNode; title: string; subtitle: string; reload: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div style={{ maxWidth: 560, margin: '96px auto', padding: 16 }}>
        <Alert
          type="error"
          showIcon
          message={this.props.title}
          description={this.props.subtitle}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {this.props.reload}
            </Button>
          }
        />
      </div>
    );
  }
}

export function ErrorBoundary({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Boundary title={t('error.chunkTitle')} subtitle={t('error.chunkSubtitle')} reload={t('error.reload')}>
      {children}
    </Boundary>
  );
}
