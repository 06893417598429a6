import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../app/queryClient';
import { adaptImperativeUiToReact19 } from './imperativeRender';
import { portalRouter } from './router';
import './portal.css';

adaptImperativeUiToReact19();
const queryClient = createQueryClient();
const root = document.getElementById('root');
if (!root) throw new Error('m/index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={portalRouter} />
    </QueryClientProvider>
  </StrictMode>,
);
