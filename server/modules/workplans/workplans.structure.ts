/** A document's structure: checking the sections, tasks and targets of an input, and writing them. */
import { inArray } from 'drizzle-orm';
import type { DocumentInput } from '../../../shared/schemas/workplans';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { orgs } from '../orgs/orgs.tables';
import { workplanAllotments, workplanSections, workplanTargets, workplanTasks } from './workplans.tables';

/** Checks what the schema cannot: months in order, allotments within the target, known catalog metrics. */
export function checkDocumentInput(input: DocumentInput, knownMetric: (code: string) => boolean) {
  input.sections.forEach((section, s) => {
    section.tasks.forEach((task, t) => {
      const where = `第 ${s + 1} 部分第 ${t + 1} 项任务（${task.number}）`;
      if (task.startMonth && task.endMonth && task.endMonth < task.startMonth) {
        throw new AppError('workplans/invalid_input', { where }, `${where}：结束月份不能早于开始月份`);
      }
      if (task.assignment.mode !== 'counties' && task.assignment.orgIds.length === 0) {
        throw new AppError('workplans/invalid_input', { where }, `${where}：请选择承担单位`);
      }
      for (const target of task.targets) {
        if (target.metricCode && !knownMetric(target.metricCode)) {
          throw new AppError(
            'workplans/invalid_input',
            { metricCode: target.metricCode },
            `${where}：“${target.metric}”绑定的统计指标“${target.metricCode}”不存在`,
          );
        }
        const allotted = target.allotments.reduce((n, a) => n + a.value, 0);
        if (allotted > target.value + 1e-9) {
          throw new AppError(
            'workplans/invalid_input',
            { where },
            `${where}：“${target.metric}”分解到各单位的数量合计（${allotted}）超过了目标值（${target.value}）`,
          );
        }
        const orgIds = target.allotments.map((a) => a.orgId);
        if (new Set(orgIds).size !== orgIds.length) {
          throw new AppError('workplans/invalid_input', { where }, `${where}：“${target.metric}”对同一单位分解了两次`);
        }
      }
    });
  });
}

/** Writes the sections, tasks and targets of a document (its old ones were removed by the caller). */
export async function writeStructure(tx: DbOrTx, documentId: number, input: DocumentInput) {
  for (const [s, section] of input.sections.entries()) {
    const [row] = await tx
      .insert(workplanSections)
      .values({
        documentId,
        position: s,
        number: section.number,
        title: section.title,
        content: section.content,
        groups: section.groups,
      })
      .returning({ id: workplanSections.id });
    if (!row) throw new Error('insert returned no row');
    for (const [t, task] of section.tasks.entries()) {
      const [taskRow] = await tx
        .insert(workplanTasks)
        .values({
          documentId,
          sectionId: row.id,
          position: t,
          groupNumber: task.group,
          number: task.number,
          title: task.title,
          content: task.content,
          startMonth: task.startMonth,
          endMonth: task.endMonth,
          leadDepartments: task.leadDepartments,
          cooperatingUnits: task.cooperatingUnits,
          assignmentMode: task.assignment.mode,
          assignmentOrgIds: task.assignment.orgIds,
        })
        .returning({ id: workplanTasks.id });
      if (!taskRow) throw new Error('insert returned no row');
      for (const [g, target] of task.targets.entries()) {
        const [targetRow] = await tx
          .insert(workplanTargets)
          .values({
            documentId,
            taskId: taskRow.id,
            position: g,
            metric: target.metric,
            unit: target.unit,
            value: target.value,
            dueDate: target.dueDate,
            metricCode: target.metricCode,
            milestones: target.milestones,
          })
          .returning({ id: workplanTargets.id });
        if (!targetRow) throw new Error('insert returned no row');
        // Draft allotments are kept with their org; publishing checks the org was assigned the task.
        if (target.allotments.length) {
          const chosen = await tx
            .select({ id: orgs.id, path: orgs.path })
            .from(orgs)
            .where(
              inArray(
                orgs.id,
                target.allotments.map((a) => a.orgId),
              ),
            );
          const pathOf = new Map(chosen.map((o) => [o.id, o.path]));
          await tx.insert(workplanAllotments).values(
            target.allotments.map((a) => {
              const orgPath = pathOf.get(a.orgId);
              if (!orgPath) throw new AppError('orgs/not_found');
              return { documentId, targetId: targetRow.id, orgId: a.orgId, orgPath, value: a.value };
            }),
          );
        }
      }
    }
  }
}
