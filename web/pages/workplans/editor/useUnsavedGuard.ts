import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { workplanEditor as t } from '../../../locales/zh-CN';

/**
 * Asks before leaving the page while the form has changes that are not saved. `markDirty` goes in the
 * form's onValuesChange, `markSaved` after a save, `allowLeave` before navigating away on purpose.
 */
export function useUnsavedGuard() {
  const dirty = useRef(false);
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t.leaveConfirm,
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  return {
    markDirty: () => {
      dirty.current = true;
    },
    markSaved: () => {
      dirty.current = false;
    },
    allowLeave: () => {
      dirty.current = false;
    },
  };
}
