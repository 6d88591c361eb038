import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useClaimPageName } from '../components/documentTitle';
import { useT, type MessageKey } from '../i18n';

/** A page that cannot be shown, saying why, with the way back home (instead of a silent redirect). */
function StatusPage({ status, title, body, testId }: { status: '403' | '404'; title: MessageKey; body: MessageKey; testId: string }) {
  const t = useT();
  const navigate = useNavigate();
  useClaimPageName(t(title));
  return (
    <Result
      status={status}
      title={t(title)}
      subTitle={t(body)}
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          {t('shell.backHome')}
        </Button>
      }
      data-testid={testId}
    />
  );
}

/** The address names a page this account may not open (the core would refuse its data anyway). */
export function ForbiddenPage() {
  return <StatusPage status="403" title="shell.forbidden.title" body="shell.forbidden.body" testId="page-forbidden" />;
}

export function NotFoundPage() {
  return <StatusPage status="404" title="shell.notFound.title" body="shell.notFound.body" testId="page-not-found" />;
}
