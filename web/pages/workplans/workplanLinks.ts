import { withQuery } from '../../api/client';

/** The addresses of the work-plan pages, written once. */
export const workplanLinks = {
  list: '/workplans',
  create: '/workplans/new',
  todo: (documentId?: number) => withQuery('/workplans/todo', { documentId }),
  detail: (id: number, orgId?: number) => withQuery(`/workplans/${id}`, { orgId }),
  edit: (id: number) => `/workplans/${id}/edit`,
};
