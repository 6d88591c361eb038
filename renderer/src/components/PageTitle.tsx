import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useClaimPageName } from './documentTitle';

/**
 * A page's heading with its main actions on the right. The heading also names the window
 * (document.title); a heading that is not plain text, or not the page's name (a greeting), says
 * what the window should be called with `documentTitle`.
 */
export function PageTitle({ title, extra, documentTitle }: { title: ReactNode; extra?: ReactNode; documentTitle?: string }) {
  useClaimPageName(documentTitle ?? (typeof title === 'string' ? title : null));
  return (
    <Flex justify="space-between" align="center" wrap="wrap" gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
