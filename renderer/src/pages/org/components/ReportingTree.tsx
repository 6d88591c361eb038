import { Space, Tag, Tree, Typography } from 'antd';
import { useCallback, useRef, useState, type Key } from 'react';
import { Link } from 'react-router';
import type { OrgChartNode } from '../../../../../shared/api/org';
import { api } from '../../../api/client';
import { useErrorHandler } from '../../../api/errors';
import { useT } from '../../../i18n';
import { EmployeePicker } from './pickers';

/**
 * The reporting tree of the org chart, a level at a time: the core sends the roots and their
 * reports, a node's reports load when it is opened (org.chart.reports), and the tree is
 * virtualised, so the page opens at once with 20,000 people. Searching someone opens the path to
 * them (org.chart.path) and scrolls them into view.
 */
interface TreeNode {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

/** Height of the virtualised list: about 24 rows; the rest scrolls. */
const TREE_HEIGHT = 600;

function Title({ node }: { node: OrgChartNode }) {
  const t = useT();
  return (
    <Space size={4}>
      <Link to={`/org/employees/${node.employeeId}`}>{node.name}</Link>
      {node.positionTitle && <Tag color="blue">{node.positionTitle}</Tag>}
      {node.groupName && <Typography.Text type="secondary">{node.groupName}</Typography.Text>}
      {node.reportCount > 0 && <Typography.Text type="secondary">{t('org.chart.reports', { count: node.reportCount })}</Typography.Text>}
    </Space>
  );
}

function toTree(node: OrgChartNode): TreeNode {
  return {
    key: node.employeeId,
    title: <Title node={node} />,
    isLeaf: node.reportCount === 0,
    // Reports that came with the answer are shown; the others load on opening.
    ...(node.children.length ? { children: node.children.map(toTree) } : {}),
  };
}

function withChildren(nodes: TreeNode[], key: string, children: TreeNode[]): TreeNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n));
}

function findNode(nodes: TreeNode[], key: string): TreeNode | null {
  for (const n of nodes) {
    if (n.key === key) return n;
    const inside = n.children ? findNode(n.children, key) : null;
    if (inside) return inside;
  }
  return null;
}

export function ReportingTree({ roots }: { roots: OrgChartNode[] }) {
  const t = useT();
  const onError = useErrorHandler();
  // The tree as first drawn from `roots`; opened levels are added to it. Fresh data from the core
  // draws a new tree (the page keys this component by the data's time).
  const [tree, setTree] = useState<TreeNode[]>(() => roots.map(toTree));
  // The roots start open, showing the second level; the rest opens on demand.
  const [expanded, setExpanded] = useState<Key[]>(() => roots.filter((r) => r.children.length).map((r) => r.employeeId));
  const [selected, setSelected] = useState<Key[]>([]);
  const treeRef = useRef<React.ComponentRef<typeof Tree>>(null);
  // The latest tree for the search's sequential loading (state updates land between awaits);
  // every change goes through loadReports, which keeps both.
  const latest = useRef(tree);

  const loadReports = useCallback(async (key: string) => {
    const reports = await api('org.chart.reports', { managerId: key });
    const children = reports.map(toTree);
    latest.current = withChildren(latest.current, key, children);
    setTree(latest.current);
  }, []);

  const onLoad = useCallback(
    async (node: { key: Key; children?: unknown[] }) => {
      if (node.children) return;
      try {
        await loadReports(String(node.key));
      } catch (err) {
        onError(err);
        throw err; // the node stays unloaded, so opening it again retries
      }
    },
    [loadReports, onError],
  );

  const showPerson = async (employeeId: string | undefined) => {
    if (!employeeId) return setSelected([]);
    try {
      const { managerIds } = await api('org.chart.path', { employeeId });
      for (const id of managerIds) if (!findNode(latest.current, id)?.children) await loadReports(id);
      setExpanded((keys) => [...new Set([...keys, ...managerIds])]);
      setSelected([employeeId]);
      // After the opened levels have rendered.
      setTimeout(() => treeRef.current?.scrollTo({ key: employeeId, align: 'top' }), 0);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <EmployeePicker style={{ width: 280 }} placeholder={t('org.chart.find')} onChange={(id) => void showPerson(id)} data-testid="org-chart-find" />
      <Tree<TreeNode>
        ref={treeRef}
        treeData={tree}
        loadData={onLoad}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        selectedKeys={selected}
        onSelect={(keys) => setSelected(keys)}
        height={TREE_HEIGHT}
        showLine
        blockNode
        data-testid="org-tree"
      />
    </Space>
  );
}
