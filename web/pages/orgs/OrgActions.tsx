import { DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { type OrgView, useOrgRoots } from '../../api/orgs';
import { useCan } from '../../app/session';
import { orgs } from '../../locales/zh-CN';
import { DissolveOrgModal } from './DissolveOrgModal';
import { MoveOrgModal } from './MoveOrgModal';
import { childTypesOf, OrgFormModal } from './OrgFormModal';

type Dialog = 'create' | 'edit' | 'move' | 'dissolve' | null;

interface OrgActionsProps {
  org: OrgView;
  /** Called after a change with the parents whose children lists changed. */
  onChanged: (parentIds: (number | null)[]) => void;
}

/**
 * The org's buttons, each shown only with its permission code. Changes apply to active orgs only,
 * so a dissolved or merged org shows none.
 */
export function OrgActions({ org, onChanged }: OrgActionsProps) {
  const can = useCan();
  const roots = useOrgRoots();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (org.status !== 'active') return null;
  const close = () => setDialog(null);
  const done = (parentIds: (number | null)[]) => {
    close();
    onChanged(parentIds);
  };
  // The top of the caller's own scope has no parent they could move it under or answer to.
  const isTop = org.parentId === null || !!roots.data?.some((root) => root.id === org.id);

  return (
    <Space wrap>
      {can('orgs.create') && childTypesOf(org.type).length > 0 && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
          {orgs.create}
        </Button>
      )}
      {can('orgs.update') && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          {orgs.edit}
        </Button>
      )}
      {can('orgs.move') && !isTop && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
          {orgs.move}
        </Button>
      )}
      {can('orgs.dissolve') && !isTop && (
        <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('dissolve')}>
          {orgs.dissolve}
        </Button>
      )}
      {dialog === 'create' && (
        <OrgFormModal target={{ mode: 'create', parent: org }} onClose={close} onDone={() => done([org.id])} />
      )}
      {dialog === 'edit' && (
        <OrgFormModal target={{ mode: 'edit', org }} onClose={close} onDone={() => done([org.parentId])} />
      )}
      {dialog === 'move' && (
        <MoveOrgModal org={org} onClose={close} onDone={(moved, oldParentId) => done([oldParentId, moved.parentId])} />
      )}
      {dialog === 'dissolve' && <DissolveOrgModal org={org} onClose={close} onDone={() => done([org.parentId])} />}
    </Space>
  );
}
