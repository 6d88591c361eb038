import { Alert } from 'antd';
import { CenteredCard } from '../components/CenteredCard';
import { useT } from '../i18n';

export type BridgeKeyProblem = 'missing' | 'invalid';

/**
 * Browser mode opened without this launch's key (or with an old one): every call would be refused,
 * so instead of a sign-in that fails on submit, say which address to open.
 */
export default function BridgeKeyPage({ problem }: { problem: BridgeKeyProblem }) {
  const t = useT();
  return (
    <CenteredCard title={t('shell.bridgeKey.title')}>
      <Alert type="warning" showIcon title={t(problem === 'missing' ? 'shell.bridgeKey.missing' : 'shell.bridgeKey.invalid')} data-testid="bridge-key-problem" />
    </CenteredCard>
  );
}
