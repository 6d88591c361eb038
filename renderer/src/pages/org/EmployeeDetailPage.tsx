import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useReaches } from '../../app/access';
import { ApprovalPanel } from '../../components/ApprovalPanel';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { PageTitle } from '../../components/PageTitle';
import { RecordTimeline } from '../../components/RecordTimeline';
import { EmployeeStatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { EmployeeFormDrawer } from './components/EmployeeFormDrawer';
import { byPinyin } from './components/pickers';
import { HiddenContact } from './components/HiddenContact';

const FIELD_KEYS: Record<string, string> = {
  employeeNo: 'employee.employeeNo',
  name: 'employee.name',
  gender: 'employee.gender',
  positionId: 'employee.position',
  groupId: 'employee.group',
  managerId: 'employee.manager',
  hireDate: 'employee.hireDate',
  phone: 'employee.phone',
  email: 'employee.email',
  status: 'employee.status',
  leftDate: 'employee.leftDate',
  managedGroups: 'org.employees.managedGroups',
};

/** One employee: details, duties of the position, reports, and the record's timeline and files. */
export default function EmployeeDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const reaches = useReaches();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const detail = useApiQuery('org.employees.get', { id });
  const archive = useApiMutation('org.employees.archive');
  const restore = useApiMutation('org.employees.restore');

  if (detail.isLoading) return <Spin />;
  if (detail.isError || !detail.data) {
    return <Result status="404" title={t('error.notFound')} extra={<Button onClick={() => navigate('/org/employees')}>{t('common.back')}</Button>} />;
  }
  const e = detail.data;
  // The same owner the core checks: the record's group, or the user's own record.
  const canWrite = reaches('org.write', { groupId: e.groupId, employeeId: e.id });
  const contact = (value: string | null) => (e.contactsHidden ? <HiddenContact /> : (value ?? '—'));

  return (
    <>
      <PageTitle
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/org/employees')} aria-label={t('common.back')} />
            {e.name}
            <Typography.Text type="secondary">{e.employeeNo}</Typography.Text>
            <EmployeeStatusTag status={e.status} archived={e.archived} />
          </Space>
        }
        extra={
          canWrite && (
            <Space>
              {!e.archived && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="employee-edit">
                  {t('common.edit')}
                </Button>
              )}
              {e.archived ? (
                <Button onClick={() => restore.mutateAsync({ id }).then(() => message.success(t('org.employees.restored')), onError)}>{t('common.restore')}</Button>
              ) : (
                <Popconfirm title={t('common.confirmArchive', { name: e.name })} onConfirm={() => archive.mutateAsync({ id }).then(() => message.success(t('org.employees.archived')), onError)}>
                  <Button danger>{t('common.archive')}</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      />
      <Card title={t('org.employees.basic')} style={{ marginBottom: 16 }} data-testid="employee-basic">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'gender', label: t('employee.gender'), children: t(`gender.${e.gender}`) },
            { key: 'position', label: t('employee.position'), children: e.positionTitle ?? '—' },
            { key: 'group', label: t('employee.group'), children: e.groupName ?? '—' },
            { key: 'manager', label: t('employee.manager'), children: e.managerId ? <Link to={`/org/employees/${e.managerId}`}>{e.managerName}</Link> : '—' },
            { key: 'hireDate', label: t('employee.hireDate'), children: e.hireDate },
            ...(e.leftDate ? [{ key: 'leftDate', label: t('employee.leftDate'), children: e.leftDate }] : []),
            { key: 'phone', label: t('employee.phone'), children: contact(e.phone) },
            { key: 'email', label: t('employee.email'), children: contact(e.email) },
            { key: 'account', label: t('org.employees.account'), children: e.userAccount ? contact(e.userAccount.username) : '—' },
            {
              key: 'managed',
              label: t('org.employees.managedGroups'),
              children: e.managedGroups.length ? [...e.managedGroups].sort((a, b) => byPinyin(a.name, b.name)).map((g) => <Tag key={g.id}>{g.name}</Tag>) : '—',
            },
            {
              key: 'reports',
              label: t('org.employees.reports'),
              children: e.reports.length
                ? e.reports.map((r) => (
                    <Link key={r.id} to={`/org/employees/${r.id}`} style={{ marginRight: 8 }}>
                      {r.name}
                    </Link>
                  ))
                : '—',
            },
          ]}
        />
        {e.duties && (
          <>
            <Typography.Title level={5}>{t('org.employees.duties')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.duties}</Typography.Paragraph>
          </>
        )}
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: t('common.timeline'), children: <RecordTimeline entity="employee" recordId={id} fieldLabel={(f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f)} /> },
            { key: 'attachments', label: t('common.attachments'), children: <AttachmentsPanel entity="employee" recordId={id} canWrite={canWrite} /> },
            { key: 'approvals', label: t('common.approvals'), children: <ApprovalPanel entity="employee" recordId={id} /> },
          ]}
        />
      </Card>
      <EmployeeFormDrawer open={editing} employee={e} onClose={() => setEditing(false)} />
    </>
  );
}
