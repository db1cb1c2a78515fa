/** Every module's routes under /api/v1. */
import type { FastifyInstance } from 'fastify';
import authRoutes from './modules/auth/auth.routes.js';
import projectsRoutes from './modules/projects/projects.routes.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(projectsRoutes);
}
