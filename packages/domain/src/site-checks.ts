/**
 * Site checks 实地检查: the distance from the project's coordinates, its flag, and who may log a check.
 * Shared by the server's policy and the web's form.
 */
import { canReadProject, hasAnyRole, inRegionOf, type AccessActor, type ProjectAccessScope } from './access.js';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle (haversine) distance between two WGS-84 points, in whole metres. */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** The distance when both the check's location and the project's coordinates exist, else null. */
export function siteCheckDistanceM(
  check: { lat: number | null; lng: number | null },
  project: { lat: number | null; lng: number | null },
): number | null {
  if (check.lat === null || check.lng === null || project.lat === null || project.lng === null) return null;
  return haversineM({ lat: check.lat, lng: check.lng }, { lat: project.lat, lng: project.lng });
}

/** Flagged 偏离 when farther than the region's setting; no distance is never flagged. */
export const isSiteCheckFlagged = (distanceM: number | null, flagDistanceM: number) =>
  distanceM !== null && distanceM > flagDistanceM;

/**
 * How the actor may log a check of the project: as the project's contracting leader (the leader linked to
 * their account), as its task-force head 专班组长 (a head row naming their account), or not at all. The
 * office, units, enterprises and viewers do not log checks (a unit user who heads a task force does).
 */
export function siteCheckerRole(
  actor: AccessActor,
  project: ProjectAccessScope,
  headsTaskForce: boolean,
): 'leader' | 'task_force_head' | null {
  if (!inRegionOf(actor, project.regionCode)) return null;
  if (hasAnyRole(actor, 'leader') && actor.leaderId !== null && project.leaderId === actor.leaderId) return 'leader';
  if (headsTaskForce && !hasAnyRole(actor, 'viewer')) return 'task_force_head';
  return null;
}

/** Reading a check: the project's read scope, and the checker always reads their own. */
export const canReadSiteCheck = (actor: AccessActor, project: ProjectAccessScope, check: { userId: number | null }) =>
  canReadProject(actor, project) || (check.userId !== null && check.userId === actor.id);
