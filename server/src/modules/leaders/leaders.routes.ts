/** /leaders: contracting leaders 分包领导. */
import { createLeaderBody, leaderPage, leaderSchema, listReferenceQuery, updateLeaderBody } from '@kpc/contracts';
import { referenceRoutes } from '../../lib/reference-routes.js';
import { createLeader, deleteLeader, getLeader, listLeaders, updateLeader } from './leaders.service.js';

export default referenceRoutes({
  path: 'leaders',
  noun: ['分包领导', 'a leader', 'leaders'],
  schemas: {
    query: listReferenceQuery,
    page: leaderPage,
    item: leaderSchema,
    create: createLeaderBody,
    update: updateLeaderBody,
  },
  list: listLeaders,
  get: getLeader,
  create: createLeader,
  update: updateLeader,
  remove: deleteLeader,
});
