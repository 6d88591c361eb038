import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './documentTitle';
import { LanguageToggle } from './LanguageToggle';

/**
 * The frame of the screens shown before sign-in (setup, login, forced password change). Its title
 * names the window too, unless `documentTitle` says otherwise.
 */
export function CenteredCard({ title, subtitle, documentTitle, children }: { title: string; subtitle?: string; documentTitle?: string; children: ReactNode }) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 24 }}>
      <Card style={{ width: 460 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          <LanguageToggle />
        </div>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </div>
  );
}
