import { SpinLoading } from 'antd-mobile';
import { lazy, type ReactNode, Suspense } from 'react';

// The assistance pages carry the shared label maps with their zod schemas: their own chunk, so the
// portal's first load stays small for members who never open them.
const AssistanceApply = lazy(() => import('./AssistanceApply').then((m) => ({ default: m.AssistanceApply })));
const AssistanceMine = lazy(() => import('./AssistanceMine').then((m) => ({ default: m.AssistanceMine })));
const AssistanceCase = lazy(() => import('./AssistanceCase').then((m) => ({ default: m.AssistanceCase })));

function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
          <SpinLoading color="primary" />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

/** 申请帮扶 (/m/assistance/apply). */
export const AssistanceApplyPage = () => (
  <Loading>
    <AssistanceApply />
  </Loading>
);

/** 我的帮扶 (/m/assistance). */
export const AssistanceMinePage = () => (
  <Loading>
    <AssistanceMine />
  </Loading>
);

/** One application (/m/assistance/:id). */
export const AssistanceCasePage = () => (
  <Loading>
    <AssistanceCase />
  </Loading>
);
