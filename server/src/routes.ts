/** Every module's routes under /api/v1. */
import type { FastifyInstance } from 'fastify';
import authRoutes from './modules/auth/auth.routes.js';
import usersRoutes from './modules/users/users.routes.js';
import unitsRoutes from './modules/units/units.routes.js';
import leadersRoutes from './modules/leaders/leaders.routes.js';
import enterprisesRoutes from './modules/enterprises/enterprises.routes.js';
import regionsRoutes from './modules/regions/regions.routes.js';
import settingsRoutes from './modules/settings/settings.routes.js';
import auditRoutes from './modules/audit/audit.routes.js';
import projectsRoutes from './modules/projects/projects.routes.js';
import milestonesRoutes from './modules/milestones/milestones.routes.js';
import ganttRoutes from './modules/gantt/gantt.routes.js';
import investmentRoutes from './modules/investment/investment.routes.js';
import batchesRoutes from './modules/batches/batches.routes.js';
import dashboardRoutes from './modules/dashboard/dashboard.routes.js';
import ledgerRoutes from './modules/ledger/ledger.routes.js';
import attachmentsRoutes from './modules/attachments/attachments.routes.js';
import importsRoutes from './modules/imports/imports.routes.js';
import jobsRoutes from './modules/jobs/jobs.routes.js';
import meetingsRoutes from './modules/meetings/meetings.routes.js';
import problemsRoutes from './modules/problems/problems.routes.js';
import instructionsRoutes from './modules/instructions/instructions.routes.js';
import siteChecksRoutes from './modules/site-checks/site-checks.routes.js';
// the records attachments may belong to, each registered by its own module
import './modules/ledger/ledger.attachments.js';
import './modules/investment/investment.attachments.js';
import './modules/problems/problems.attachments.js';
import './modules/instructions/instructions.attachments.js';
import './modules/site-checks/site-checks.attachments.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(unitsRoutes);
  await app.register(leadersRoutes);
  await app.register(enterprisesRoutes);
  await app.register(regionsRoutes);
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(projectsRoutes);
  await app.register(milestonesRoutes);
  await app.register(ganttRoutes);
  await app.register(investmentRoutes);
  await app.register(batchesRoutes);
  await app.register(dashboardRoutes);
  await app.register(ledgerRoutes);
  await app.register(attachmentsRoutes);
  await app.register(importsRoutes);
  await app.register(jobsRoutes);
  await app.register(meetingsRoutes);
  await app.register(problemsRoutes);
  await app.register(instructionsRoutes);
  await app.register(siteChecksRoutes);
}
